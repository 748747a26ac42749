import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import { checkRunPlan } from '../shared/validation'
import type { RunPlan } from '../shared/run-plan'
import { SNAPSHOT_INTERVAL_MS } from '../shared/run-interval'
import { LoadRun } from './load-run'
import { FlowRun } from './flow-run'
import { compileFlow } from '../shared/flow/compile-flow'
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
  private current: LoadRun | FlowRun | null = null

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
    if (check.plan.flow) return this.startFlow(runId, check.plan)
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

  /**
   * A flow: compiled once here, its data stripe read, then run as LoadRun is (snapshots on the same
   * clock, one result). A cancel while the rows are being read ends the run before it sends.
   */
  private startFlow(runId: number, plan: RunPlan): void {
    const compiled = compileFlow(plan.flow as NonNullable<typeof plan.flow>)
    if (!compiled.ok) return this.post({ type: 'rejected', runId, message: `Invalid flow: ${compiled.problems[0].message}` })
    const run = new FlowRun(runId, plan, compiled.flow)
    this.current = run
    const clock = new SnapshotClock(SNAPSHOT_INTERVAL_MS, () => {
      if (!run.finished) this.post({ type: 'progress', snapshot: run.snapshot() })
    })
    run.prepare().then(
      () => {
        const ended = run.start()
        clock.start(run.startedAt)
        void ended.then((result) => {
          clock.stop()
          this.current = null
          this.post({ type: 'result', result })
        })
      },
      (error: unknown) => {
        this.current = null
        this.post({ type: 'rejected', runId, message: `The data file could not be read: ${(error as Error).message}` })
      }
    )
  }

  private cancel(runId: number): void {
    const run = this.current
    if (!run || run.runId !== runId) return
    const done = run.cancel()
    if (done !== undefined) this.post({ type: 'cancelled', runId, done })
  }
}
