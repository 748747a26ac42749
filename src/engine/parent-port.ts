/**
 * The engine's one link to whoever started it. In the app that is Electron's main process
 * (utilityProcess.fork gives `process.parentPort`); in tests and the CLI it is a Node parent
 * (child_process.fork gives `process.send`). Everything else in src/engine is the same in both.
 */
export interface ParentPort<Out, In> {
  post(message: Out): void
  /** Posts a last message and calls `sent` once the process may exit without losing it. */
  postLast(message: Out, sent: () => void): void
  onMessage(listener: (message: In) => void): void
}

/**
 * Electron's port has no delivery callback, and its messages leave through another thread: exiting
 * at once could drop the last one, so the process waits this long before it goes.
 */
const ELECTRON_LAST_MESSAGE_GRACE_MS = 200

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

export function connectToParent<Out, In>(): ParentPort<Out, In> {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      postLast: (message, sent) => {
        electronPort.postMessage(message)
        setTimeout(sent, ELECTRON_LAST_MESSAGE_GRACE_MS)
      },
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
      // Node calls back once the message is written to the channel, or could not be (parent gone).
      postLast: (message, sent) => process.send?.(message, () => sent()),
      onMessage: (listener) => process.on('message', (message) => listener(message as In))
    }
  }
  throw new Error('This file runs as a child process: start it with utilityProcess.fork or child_process.fork.')
}
