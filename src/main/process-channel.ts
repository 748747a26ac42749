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
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export type SpawnProcess<In, Out> = () => ProcessChannel<In, Out>
