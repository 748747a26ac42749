import type { Dispatcher } from 'undici'
import { PipelineResetError, RequestDeadlineError } from './abort-reason'
import { errorKindOf } from './error-kind'
import type { RunTally } from './run-tally'
import type { TargetConnection } from './target-connections'

/** What a slot needs from its run. */
export interface SlotHost {
  /** The same options object for every request of the run: nothing to build per request. */
  readonly requestOptions: Dispatcher.DispatchOptions
  readonly timeoutMs: number
  readonly tally: RunTally
  /** Open model: record each response's latency from its actual send too (RunTally.recordRawLatency). */
  readonly recordsRawLatency: boolean
  /** The slot's request ended: give it the next one, now or when it is due, or end the slot. */
  slotFree(slot: RequestSlot): void
}

/**
 * Room for one request in flight on one connection: a run has connections × pipelining of them.
 * The slot is itself the undici dispatch handler, so a request costs no promise, no stream and no
 * closure: the body is counted chunk by chunk and dropped.
 *
 * It implements undici's original handler methods (onConnect, onHeaders, ...) rather than the newer
 * onRequestStart family on purpose: for those, undici wraps every request in two adapter objects and
 * parses the response headers into an object, work a load generator that never reads headers does
 * not need (see "what was trimmed" in docs/benchmarks.md).
 *
 * The deadline is one timer per slot, created once and re-armed with refresh() at each dispatch.
 * When it fires, either the request it was armed for is still in flight, past timeoutMs, or the
 * slot is idle and it does nothing.
 */
export class RequestSlot implements Dispatcher.DispatchHandler {
  /** When the slot's next request is due (the schedule sets it); latency and TTFB count from here. */
  dueAt = 0
  /** When it was actually sent: the open model's raw latency counts from here. */
  private sentAt = 0
  /** When its response's headers arrived. */
  private headersAt = 0
  private inFlight = false
  /** undici has written the request in flight on a socket (it called onConnect for it). */
  private written = false
  private statusCode = 0
  private abortRequest: ((reason?: Error) => void) | null = null
  /** The connection's deadlineCuts when this request was sent. */
  private deadlineCutsAtSend = 0
  /** An abort asked for before undici handed over the request's abort function (still connecting). */
  private pendingAbort: Error | null = null
  /** Inside client.dispatch(): an error now means undici threw while starting the request. */
  private dispatching = false
  private readonly deadline: NodeJS.Timeout

  constructor(
    private readonly host: SlotHost,
    readonly connection: TargetConnection
  ) {
    this.deadline = setTimeout(() => this.onDeadline(), host.timeoutMs)
  }

  /** Sends the next request now (`sentAt`, unless it is `dueAt`); its latency counts from `dueAt`. */
  send(dueAt: number, sentAt = dueAt): void {
    this.host.tally.sent++
    this.dueAt = dueAt
    this.sentAt = sentAt
    this.inFlight = true
    this.written = false
    this.statusCode = 0
    this.abortRequest = null
    this.pendingAbort = null
    this.deadlineCutsAtSend = this.connection.deadlineCuts
    this.deadline.refresh()
    this.connection.requestSent()
    this.dispatching = true
    this.connection.client.dispatch(this.host.requestOptions, this)
    this.dispatching = false
  }

  /** No request will follow: the slot lets go of its timer. */
  close(): void {
    clearTimeout(this.deadline)
  }

  /** Cuts the request in flight off, now or as soon as undici hands it over. */
  abort(reason: Error): void {
    if (!this.inFlight) return
    if (this.abortRequest) this.abortRequest(reason)
    else this.pendingAbort = reason
  }

  /**
   * Its connection closed with this request written on it (./target-connections.ts): the request
   * ends here, with `cause` when the socket's failure was about it, rather than be sent again.
   */
  connectionLost(cause: Error | undefined): void {
    this.abortRequest?.(cause ?? this.whyConnectionClosed())
  }

  onConnect(abort: (reason?: Error) => void): void {
    // A second call means undici is about to send the request again. The connection ends such
    // requests when their socket closes, so this is a backstop: sending twice a request the server
    // may have had would make its count and ours disagree.
    const resent = this.abortRequest !== null
    this.abortRequest = abort
    if (!resent) {
      this.written = true
      this.connection.requestWritten(this)
    }
    if (this.pendingAbort) abort(this.pendingAbort)
    else if (resent) abort(this.whyConnectionClosed())
  }

  onHeaders(statusCode: number): boolean {
    this.statusCode = statusCode
    // Time to first byte ends here: undici calls this once the status line and headers are parsed.
    this.headersAt = performance.now()
    return true
  }

  onData(chunk: Buffer): boolean {
    this.host.tally.bytesRead += chunk.length
    return true
  }

  onComplete(): void {
    const now = performance.now()
    const tally = this.host.tally
    tally.recordResponse(this.statusCode, toMicros(now - this.dueAt), toMicros(this.headersAt - this.dueAt))
    if (this.host.recordsRawLatency) tally.recordRawLatency(toMicros(now - this.sentAt))
    this.inFlight = false
    this.connection.requestEnded(this, this.written)
    // Sending the next one from inside this callback is safe: the connection only queues it.
    this.host.slotFree(this)
  }

  onError(error: Error): void {
    const client = this.connection.client
    // An HTTP/2 error inside dispatch() for a request undici had started (onConnect came): undici 7
    // throws so when it opens a stream on a session that has just failed (h2c spoken to an HTTP/1.1
    // server), reports it here, keeps the request queued, and leaves the Client stuck mid-resume:
    // nothing it holds would ever be sent or fail. Destroying it fails the request once more,
    // through undici's own bookkeeping: counted then, once. HTTP/1.1 never comes this way.
    const code = (error as NodeJS.ErrnoException).code
    const startedStream = this.abortRequest !== null && typeof code === 'string' && code.startsWith('ERR_HTTP2_')
    if (this.dispatching && startedStream && !client.destroyed && !client.closed) {
      this.dispatching = false
      this.connection.replaceBroken(error)
      return
    }
    this.host.tally.recordError(errorKindOf(error), error.message)
    this.inFlight = false
    this.connection.requestEnded(this, this.written)
    // undici reports a failed connect to every request queued on it and then checks that none is
    // left; a request sent from inside that loop would break its bookkeeping. Failures take the
    // next turn of the event loop, which also keeps a refused run from recursing.
    setImmediate(this.freeSelf)
  }

  private readonly freeSelf = (): void => this.host.slotFree(this)

  private onDeadline(): void {
    if (!this.inFlight) return
    this.connection.deadlineCuts++
    this.abort(new RequestDeadlineError(this.host.timeoutMs))
  }

  /** A pipelined request's connection closed under it: by a deadline on it (a timeout) or not. */
  private whyConnectionClosed(): Error {
    return this.connection.deadlineCuts > this.deadlineCutsAtSend
      ? new RequestDeadlineError(this.host.timeoutMs)
      : new PipelineResetError()
  }
}

function toMicros(ms: number): number {
  return Math.round(ms * 1000)
}
