/**
 * The engine's one link to whoever started it. In the app that is Electron's main process
 * (utilityProcess.fork gives `process.parentPort`); in tests and the CLI it is a Node parent
 * (child_process.fork gives `process.send`). Everything else in src/engine is the same in both.
 */
export interface ParentPort<Out, In> {
  post(message: Out): void
  onMessage(listener: (message: In) => void): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

export function connectToParent<Out, In>(): ParentPort<Out, In> {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as In))
    }
  }
  if (process.send) {
    // A Node parent that goes away takes its IPC channel with it: leave rather than run orphaned.
    process.on('disconnect', () => process.exit(0))
    // A terminal's Ctrl-C signals the whole process group; the parent (the CLI) turns it into a
    // cancel and still wants this process's result, so the signal itself is not an exit here.
    process.on('SIGINT', () => {})
    return {
      post: (message) => process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as In))
    }
  }
  throw new Error('This file runs as a child process: start it with utilityProcess.fork or child_process.fork.')
}
