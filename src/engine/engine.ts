import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import { checkRunPlan } from '../shared/validation'
import type { RunPlan } from '../shared/run-plan'
import { SNAPSHOT_INTERVAL_MS } from '../shared/run-interval'
import { LoadRun } from './load-run'
import { FlowRun } from './flow-run'
import { compileFlow } from '../shared/flow/compile-flow'
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
  private current: LoadRun | FlowRun | null = null
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
    const at = startAtMs as number | undefined
    if (check.plan.flow) return this.startFlow(runId, check.plan, at)
    const run = new LoadRun(runId, check.plan)
    this.current = run
    this.beginAt(run, at)
  }

  /** At once, or (stampede run --start-at, the barrier) at the wall-clock instant, never before. */
  private beginAt(run: LoadRun | FlowRun, startAtMs: number | undefined): void {
    if (startAtMs === undefined) return this.begin(run)
    this.stopWaiting = atWallClock(startAtMs, () => {
      this.stopWaiting = undefined
      this.begin(run)
    })
  }

  private begin(run: LoadRun | FlowRun): void {
    // About ten snapshots a second, each closing an interval: enough for a live chart, far below one
    // message per request.
    const clock = new SnapshotClock(SNAPSHOT_INTERVAL_MS, () => {
      // Once the result is built (its sockets still closing), its last interval is the run's last.
      if (!run.finished) this.post({ type: 'progress', snapshot: run.snapshot() })
    })
    // On the wall clock, for lining up generators on several machines (src/control/segment-merge.ts).
    const startedAtMs = Date.now()
    const ended = run.start()
    clock.start(run.startedAt)
    void ended.then((result) => {
      clock.stop()
      this.current = null
      this.post({ type: 'result', result: { ...result, startedAtMs } })
    })
  }

  /**
   * A flow: compiled once here, its data stripe read, then run as LoadRun is (snapshots on the same
   * clock, one result). A cancel while the rows are being read ends the run before it sends.
   */
  private startFlow(runId: number, plan: RunPlan, startAtMs: number | undefined): void {
    const compiled = compileFlow(plan.flow as NonNullable<typeof plan.flow>)
    if (!compiled.ok) return this.post({ type: 'rejected', runId, message: `Invalid flow: ${compiled.problems[0].message}` })
    const run = new FlowRun(runId, plan, compiled.flow)
    this.current = run
    run.prepare().then(
      () => this.beginAt(run, startAtMs),
      (error: unknown) => {
        this.current = null
        this.post({ type: 'rejected', runId, message: `The data file could not be read: ${(error as Error).message}` })
      }
    )
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
