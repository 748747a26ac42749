import type { Dispatcher } from 'undici'
import type { RunPlan } from '../shared/run-plan'
import type { RunResult, RunSnapshot } from '../shared/run-snapshot'
import { RunCancelledError } from './abort-reason'
import { RequestLoop, type LoopHost } from './request-loop'
import { RunTally } from './run-tally'

/**
 * One closed-loop run: min(concurrency, totalRequests) loops pull from one shared counter over the
 * dispatcher (a keep-alive pool for the target's origin, ./target-pool.ts). Memory is the loops, the
 * tally and the pool, whatever totalRequests is.
 */
export class LoadRun implements LoopHost {
  readonly tally = new RunTally()
  readonly requestOptions: Dispatcher.DispatchOptions
  readonly timeoutMs: number
  private readonly loops: RequestLoop[] = []
  private claimed = 0
  private activeLoops = 0
  private startedAt = 0
  /** Set by cancel(): the ended count at the moment the run stopped handing out requests. */
  private doneAtCancel: number | undefined
  private readonly ended: Promise<RunResult>
  private resolveEnded!: (result: RunResult) => void

  constructor(
    readonly runId: number,
    private readonly plan: RunPlan,
    readonly dispatcher: Dispatcher
  ) {
    const url = new URL(plan.url)
    this.requestOptions = { method: 'GET', path: url.pathname + url.search }
    this.timeoutMs = plan.timeoutMs
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve))
    const loopCount = Math.min(plan.concurrency, plan.totalRequests)
    for (let i = 0; i < loopCount; i++) this.loops.push(new RequestLoop(this))
  }

  /** Starts sending; resolves with the result once every request has ended and the pool is closed. */
  start(): Promise<RunResult> {
    this.startedAt = performance.now()
    this.activeLoops = this.loops.length
    for (const loop of this.loops) loop.sendNext()
    return this.ended
  }

  snapshot(): RunSnapshot {
    return this.tally.snapshot(this.runId, this.plan.totalRequests, performance.now() - this.startedAt)
  }

  /**
   * Stops handing out requests at once, then aborts those in flight. Returns the ended count at the
   * moment it stopped, the same on every call; undefined when every request had already ended, in
   * which case the run finishes as it was going to.
   */
  cancel(): number | undefined {
    if (this.doneAtCancel !== undefined) return this.doneAtCancel
    if (this.activeLoops === 0) return undefined
    this.doneAtCancel = this.tally.done
    const reason = new RunCancelledError()
    for (const loop of this.loops) loop.abort(reason)
    // Also fails whatever still waits for a connection, and closes the sockets.
    this.dispatcher.destroy(reason).catch(reportCloseFailure)
    return this.doneAtCancel
  }

  claimRequest(): boolean {
    if (this.doneAtCancel !== undefined || this.claimed >= this.plan.totalRequests) return false
    this.claimed++
    return true
  }

  loopEnded(): void {
    if (--this.activeLoops > 0) return
    const cancelled = this.doneAtCancel !== undefined
    const result: RunResult = {
      ...this.snapshot(),
      outcome: cancelled ? 'cancelled' : 'finished',
      histogram: this.tally.encodedHistogram()
    }
    // Nothing is in flight any more: close() and destroy() both just close idle sockets.
    const closing = cancelled ? this.dispatcher.destroy() : this.dispatcher.close()
    closing.catch(reportCloseFailure).finally(() => this.resolveEnded(result))
  }
}

function reportCloseFailure(error: unknown): void {
  console.error('engine: closing the connection pool failed:', error)
}
