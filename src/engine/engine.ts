import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import { checkRunPlan } from '../shared/validation'
import { SNAPSHOT_INTERVAL_MS } from '../shared/run-interval'
import { LoadRun } from './load-run'
import { SnapshotClock } from './snapshot-clock'
import { atWallClock } from './start-instant'
import { emptySnapshot } from '../shared/run-snapshot'

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
  /** Set while a run waits for its start instant: calls the wait off. */
  private stopWaiting: (() => void) | undefined

  constructor(private readonly post: (message: FromEngine) => void) {}

  handle(message: ToEngine): void {
    switch (message?.type) {
      case 'start':
        return this.start(message.runId, message.plan, message.startAtMs)
      case 'cancel':
        return this.cancel(message.runId)
      default:
        console.error('engine: ignoring a message it does not know:', message)
    }
  }

  private start(runId: number, input: unknown, startAtMs: unknown): void {
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
    if (startAtMs !== undefined && !Number.isFinite(startAtMs)) {
      return this.post({ type: 'rejected', runId, message: `Invalid start instant: ${String(startAtMs)}.` })
    }
    const run = new LoadRun(runId, check.plan)
    this.current = run
    if (startAtMs === undefined) return this.begin(run)
    this.stopWaiting = atWallClock(startAtMs as number, () => {
      this.stopWaiting = undefined
      this.begin(run)
    })
  }

  private begin(run: LoadRun): void {
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
    if (this.stopWaiting) {
      // Cancelled before its start instant: nothing was sent, and the result says so.
      this.stopWaiting()
      this.stopWaiting = undefined
      this.current = null
      this.post({ type: 'cancelled', runId, done: 0 })
      this.post({ type: 'result', result: { ...emptySnapshot(runId, 0), outcome: 'cancelled' } })
      return
    }
    const done = run.cancel()
    if (done !== undefined) this.post({ type: 'cancelled', runId, done })
  }
}
