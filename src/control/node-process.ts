import { fork } from 'node:child_process'
import type { ProcessChannel } from './process-channel'

/** Forks a built entry (out/main/*.js) as a plain Node child: for tests and the headless CLI. */
export function spawnNodeProcess<In, Out>(entryPath: string, execArgv: string[] = []): ProcessChannel<In, Out> {
  // The child's stdout goes to our stderr: the CLI's stdout carries only its result (--json).
  const child = fork(entryPath, [], { stdio: ['ignore', 2, 'inherit', 'ipc'], serialization: 'advanced', execArgv })
  return {
    get pid() {
      return child.pid
    },
    post: (message) => {
      // A child that just died can still look connected: the write fails (EPIPE) and its exit tells.
      if (child.connected) child.send(message as object, () => {})
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as Out)),
    onExit: (listener) => child.once('exit', (code, signal) => listener({ code, reason: signal ?? undefined })),
    kill: () => {
      child.kill()
    }
  }
}
