import { describeExit } from './process-exit'
import type { ProcessChannel, ProcessExit, ProcessSpawner } from './process-channel'

/**
 * A child process main started, with its end known up front: whether it is still alive, and a
 * promise of its exit that callers can await after killing it (so "gone" really means gone).
 */
export class ManagedProcess<In, Out> {
  readonly exited: Promise<ProcessExit>
  private alive = true

  private constructor(readonly channel: ProcessChannel<In, Out>) {
    this.exited = new Promise((resolve) => {
      channel.onExit((exit) => {
        this.alive = false
        resolve(exit)
      })
    })
  }

  static spawn<In, Out>(spawn: ProcessSpawner<In, Out>): ManagedProcess<In, Out> {
    return new ManagedProcess(spawn())
  }

  get isAlive(): boolean {
    return this.alive
  }

  get pid(): number | undefined {
    return this.channel.pid
  }

  /**
   * Resolves with the first message `pick` accepts (a start-up handshake). Rejects if the process
   * exits first, or if `timeoutMs` passes: then `onTimeout` runs and the process is stopped.
   */
  firstMessage<T>(
    pick: (message: Out) => T | undefined,
    { timeoutMs, name, onTimeout }: { timeoutMs: number; name: string; onTimeout?: () => void }
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        onTimeout?.()
        void this.stop()
        reject(new Error(`${name} did not start within ${timeoutMs / 1000} seconds.`))
      }, timeoutMs)
      this.channel.onMessage((message) => {
        const picked = pick(message)
        if (picked === undefined) return
        clearTimeout(timer)
        resolve(picked)
      })
      void this.exited.then((exit) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited while starting (${describeExit(exit)}).`))
      })
    })
  }

  /** Kills the process (if it still runs) and resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.alive) this.channel.kill()
    await this.exited
  }
}
