import type { ProcessChannel, SpawnProcess } from './process-channel'

/**
 * A child process main started, with its end known up front: whether it is still alive, and a
 * promise of its exit that callers can await after killing it (so "gone" really means gone).
 */
export class SpawnedProcess<In, Out> {
  readonly exited: Promise<number | null>
  private alive = true

  private constructor(readonly channel: ProcessChannel<In, Out>) {
    this.exited = new Promise((resolve) => {
      channel.onExit((code) => {
        this.alive = false
        resolve(code)
      })
    })
  }

  static spawn<In, Out>(spawn: SpawnProcess<In, Out>): SpawnedProcess<In, Out> {
    return new SpawnedProcess(spawn())
  }

  get isAlive(): boolean {
    return this.alive
  }

  get pid(): number | undefined {
    return this.channel.pid
  }

  /** Kills the process (if it still runs) and resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.alive) this.channel.kill()
    await this.exited
  }
}
