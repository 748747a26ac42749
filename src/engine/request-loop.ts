import type { Dispatcher } from 'undici'
import { RequestDeadlineError } from './abort-reason'
import { errorKindOf } from './error-kind'
import type { RunTally } from './run-tally'

/** What a loop needs from its run. */
export interface LoopHost {
  readonly dispatcher: Dispatcher
  /** The same options object for every request of the run: nothing to build per request. */
  readonly requestOptions: Dispatcher.DispatchOptions
  readonly timeoutMs: number
  readonly tally: RunTally
  /** Takes one request from the run's counter; false once there are none left or the run stopped. */
  claimRequest(): boolean
  loopEnded(): void
}

/**
 * One of the run's fixed set of workers: it sends a request, and when that request ends it claims and
 * sends the next. The loop is itself the undici dispatch handler, so a request costs no promise, no
 * stream and no closure: the body is counted chunk by chunk and dropped.
 *
 * The deadline is one timer per loop, created once and re-armed with refresh() at each dispatch
 * (cheaper than an AbortSignal.timeout + AbortSignal.any per request). When it fires, either the
 * request it was armed for is still in flight, past plan.timeoutMs, or the loop has moved on and
 * re-armed it; a fired timer with nothing in flight means the loop is idle and does nothing.
 */
export class RequestLoop implements Dispatcher.DispatchHandler {
  private inFlight = false
  private sentAt = 0
  private statusCode = 0
  private controller: Dispatcher.DispatchController | null = null
  /** An abort asked for before undici handed over the request's controller (still connecting). */
  private pendingAbort: Error | null = null
  /** True while inside dispatcher.dispatch(): an error reported synchronously must not recurse. */
  private dispatching = false
  private readonly deadline: NodeJS.Timeout

  constructor(private readonly host: LoopHost) {
    this.deadline = setTimeout(() => this.onDeadline(), host.timeoutMs)
  }

  sendNext(): void {
    if (!this.host.claimRequest()) {
      clearTimeout(this.deadline)
      this.host.loopEnded()
      return
    }
    this.inFlight = true
    this.statusCode = 0
    this.controller = null
    this.pendingAbort = null
    this.deadline.refresh()
    this.sentAt = performance.now()
    this.dispatching = true
    this.host.dispatcher.dispatch(this.host.requestOptions, this)
    this.dispatching = false
  }

  /** Cuts the request in flight off, now or as soon as undici hands it over. */
  abort(reason: Error): void {
    if (!this.inFlight) return
    if (this.controller) this.controller.abort(reason)
    else this.pendingAbort = reason
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    if (this.pendingAbort) controller.abort(this.pendingAbort)
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.statusCode = statusCode
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.host.tally.bytesRead += chunk.length
  }

  onResponseEnd(): void {
    const latencyMicros = Math.round((performance.now() - this.sentAt) * 1000)
    this.host.tally.recordResponse(this.statusCode, latencyMicros)
    this.settle()
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.host.tally.recordError(errorKindOf(error))
    this.settle()
  }

  private settle(): void {
    this.inFlight = false
    this.controller = null
    // A request refused inside dispatch() (say, by a pool already closed) would otherwise recurse
    // once per remaining request; take the next turn of the event loop instead.
    if (this.dispatching) setImmediate(() => this.sendNext())
    else this.sendNext()
  }

  private onDeadline(): void {
    if (this.inFlight) this.abort(new RequestDeadlineError(this.host.timeoutMs))
  }
}
