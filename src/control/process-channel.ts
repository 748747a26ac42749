/**
 * A child process seen from main: typed messages both ways, its exit, and a way to end it.
 * Electron's utility processes (./utility-process.ts) and Node's forked children (./node-process.ts)
 * both fit, so the controller and its tests run the same code.
 */
export interface ProcessChannel<In, Out> {
  readonly pid: number | undefined
  post(message: In): void
  onMessage(listener: (message: Out) => void): void
  /** Called once, however the process ended (exited, crashed, killed). */
  onExit(listener: (exit: ProcessExit) => void): void
  kill(): void
}

/** How a child process ended, as far as its platform tells. */
export interface ProcessExit {
  /** The exit code; null when a signal ended it. */
  code: number | null
  /**
   * Why, where known: the signal for a Node child ('SIGKILL'), Electron's child-process-gone reason
   * for a utility process ('killed', 'oom', 'crashed', 'launch-failed', ...).
   */
  reason?: string
}

export type ProcessSpawner<In, Out> = () => ProcessChannel<In, Out>
