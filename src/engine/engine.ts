import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import { checkRunPlan } from '../shared/validation'
import { SNAPSHOT_INTERVAL_MS } from '../shared/run-interval'
import { LoadRun } from './load-run'
import { SnapshotClock } from './snapshot-clock'

/**
 * The engine process's side of engine-protocol.ts: one run at a time, a progress snapshot on a timer
 * while it goes, then exactly one result.
 *
 * A cancel for the run going is acked with `cancelled` (again, with the same count, if repeated).
 * A cancel naming any other run, or arriving once every request of the run has ended, is ignored:
 * that run's `result` is the answer.
 */
export class Engine {
  private current: LoadRun | null = null

  constructor(private readonly post: (message: FromEngine) => void) {}

  handle(message: ToEngine): void {
    switch (message?.type) {
      case 'start':
        return this.start(message.runId, message.plan)
      case 'cancel':
        return this.cancel(message.runId)
      default:
        console.error('engine: ignoring a message it does not know:', message)
    }
  }

  private start(runId: number, input: unknown): void {
    if (this.current) {
      const message = `Run ${this.current.runId} is still going; one run at a time.`
      return this.post({ type: 'rejected', runId, message })
    }
    // Main has validated the plan already; the engine checks again rather than trust a message.
    const check = checkRunPlan(input)
    if (!check.ok) {
      const message = `Invalid plan: ${Object.values(check.errors).join(' ')}`
      return this.post({ type: 'rejected', runId, message })
    }
    const run = new LoadRun(runId, check.plan)
    this.current = run
    // About ten snapshots a second, each closing an interval: enough for a live chart, far below one
    // message per request.
    const clock = new SnapshotClock(SNAPSHOT_INTERVAL_MS, () => {
      // Once the result is built (its sockets still closing), its last interval is the run's last.
      if (!run.finished) this.post({ type: 'progress', snapshot: run.snapshot() })
    })
    const ended = run.start()
    clock.start(run.startedAt)
    void ended.then((result) => {
      clock.stop()
      this.current = null
      this.post({ type: 'result', result })
    })
  }

  private cancel(runId: number): void {
    const run = this.current
    if (!run || run.runId !== runId) return
    const done = run.cancel()
    if (done !== undefined) this.post({ type: 'cancelled', runId, done })
  }
}
