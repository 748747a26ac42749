import { utilityProcess } from 'electron'
import type { ProcessChannel } from '../control/process-channel'

/** Forks a built entry as an Electron utility process: its own Node event loop, off the UI's. */
export function spawnUtilityProcess<In, Out>(entryPath: string, serviceName: string): ProcessChannel<In, Out> {
  const child = utilityProcess.fork(entryPath, [], { serviceName, stdio: 'inherit' })
  return {
    get pid() {
      return child.pid
    },
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message) => listener(message as Out)),
    onExit: (listener) => child.once('exit', (code) => listener({ code })),
    kill: () => {
      child.kill()
    }
  }
}
