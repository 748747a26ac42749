import type { RunInterval } from '../shared/run-interval'
import { ERROR_EXAMPLE_LENGTH, ERROR_KINDS, type ErrorKind, type RunSnapshot } from '../shared/run-snapshot'
import { IntervalHistogram } from './interval-histogram'

/** llhttp accepts exactly three digits, so every status code the parser lets through is below 1000. */
const STATUS_CODE_LIMIT = 1000

/** What the tally knows of an interval; the run adds its clock, schedule, connections and health. */
export type TallyInterval = Pick<
  RunInterval,
  'responses' | 'failed' | 'aborted' | 'bytesRead' | 'sent' | 'latencyMs' | 'ttfbMs' | 'rawLatencyMs' | 'histograms'
>

interface ClassTotals {
  ok: number
  clientOrServerError: number
  failed: number
  aborted: number
  bytesRead: number
  sent: number
}

/**
 * Everything a run has counted so far, in fixed-size state: one slot per status code and error kind,
 * byte and send counters, and the latency histograms. Recording is a few additions; an interval is
 * closed and the snapshot built only when asked, about ten times a second. Interval counts are the
 * difference of the totals between two closes, so they cost nothing per request and add up to the
 * totals exactly.
 */
export class RunTally {
  /** Requests ended, any outcome. */
  done = 0
  /** Requests started. */
  sent = 0
  /** Response body bytes read, of every response that sent any. */
  bytesRead = 0
  private readonly statusCounts = new Float64Array(STATUS_CODE_LIMIT)
  private readonly errorCounts = new Float64Array(ERROR_KINDS.length)
  /** The first message of each kind: one string per kind at most, whatever the run's length. */
  private readonly errorExamples: Partial<Record<ErrorKind, string>> = {}
  private readonly latency = new IntervalHistogram()
  private readonly ttfb = new IntervalHistogram()
  /** Open model only: latency from the actual send, beside `latency` from the due time. */
  private readonly rawLatency: IntervalHistogram | undefined
  private atLastClose: ClassTotals = { ok: 0, clientOrServerError: 0, failed: 0, aborted: 0, bytesRead: 0, sent: 0 }

  constructor({ rawLatency = false }: { rawLatency?: boolean } = {}) {
    this.rawLatency = rawLatency ? new IntervalHistogram() : undefined
  }

  /**
   * A full response: its status, the time from when it was due (./request-slot.ts) to its last byte,
   * and to its headers.
   */
  recordResponse(statusCode: number, latencyMicros: number, ttfbMicros: number): void {
    this.done++
    if (statusCode >= 0 && statusCode < STATUS_CODE_LIMIT) this.statusCounts[statusCode]++
    else this.errorCounts[PROTOCOL_INDEX]++
    this.latency.record(latencyMicros)
    this.ttfb.record(ttfbMicros)
  }

  /** Open model: the same response's latency from its actual send. */
  recordRawLatency(micros: number): void {
    this.rawLatency?.record(micros)
  }

  recordError(kind: ErrorKind, message?: string): void {
    this.done++
    this.errorCounts[ERROR_KINDS.indexOf(kind)]++
    if (message && this.errorExamples[kind] === undefined) this.errorExamples[kind] = message.slice(0, ERROR_EXAMPLE_LENGTH)
  }

  /** What happened since the last close; latency since then joins the run's figures. */
  closeInterval(): TallyInterval {
    const now = this.classTotals()
    const before = this.atLastClose
    this.atLastClose = now
    const latency = this.latency.closeInterval()
    const ttfb = this.ttfb.closeInterval()
    const raw = this.rawLatency?.closeInterval()
    return {
      responses: { ok: now.ok - before.ok, clientOrServerError: now.clientOrServerError - before.clientOrServerError },
      failed: now.failed - before.failed,
      aborted: now.aborted - before.aborted,
      bytesRead: now.bytesRead - before.bytesRead,
      sent: now.sent - before.sent,
      latencyMs: latency.latencyMs,
      ttfbMs: ttfb.latencyMs,
      ...(raw ? { rawLatencyMs: raw.latencyMs } : {}),
      histograms: { latency: latency.encoded, ttfb: ttfb.encoded, ...(raw ? { rawLatency: raw.encoded } : {}) }
    }
  }

  /** The run so far; its latency figures are those of the intervals closed so far. */
  snapshot(runId: number, total: number, elapsedMs: number): RunSnapshot {
    const statusCodes: Record<string, number> = {}
    for (let code = 0; code < STATUS_CODE_LIMIT; code++) {
      if (this.statusCounts[code] > 0) statusCodes[String(code)] = this.statusCounts[code]
    }
    const errorKinds: RunSnapshot['errorKinds'] = {}
    ERROR_KINDS.forEach((kind, index) => {
      if (this.errorCounts[index] > 0) errorKinds[kind] = this.errorCounts[index]
    })
    return {
      runId,
      total,
      done: this.done,
      statusCodes,
      errorKinds,
      ...(Object.keys(this.errorExamples).length > 0 ? { errorExamples: { ...this.errorExamples } } : {}),
      elapsedMs,
      requestsPerSecond: elapsedMs > 0 ? (this.done * 1000) / elapsedMs : 0,
      latencyMs: this.latency.runSummary(),
      ttfbMs: this.ttfb.runSummary(),
      ...(this.rawLatency ? { rawLatencyMs: this.rawLatency.runSummary() } : {}),
      bytesRead: this.bytesRead,
      intervals: []
    }
  }

  /** The run's histograms, encoded for an exact merge across engine processes. */
  encodedHistograms(): { histogram: string; ttfbHistogram: string; rawLatencyHistogram?: string } {
    return {
      histogram: this.latency.encodedRun(),
      ttfbHistogram: this.ttfb.encodedRun(),
      ...(this.rawLatency ? { rawLatencyHistogram: this.rawLatency.encodedRun() } : {})
    }
  }

  /** The outcome classes of src/shared/request-outcomes.ts, counted from the raw counts. */
  private classTotals(): ClassTotals {
    let ok = 0
    let clientOrServerError = 0
    for (let code = 0; code < STATUS_CODE_LIMIT; code++) {
      if (code < 400) ok += this.statusCounts[code]
      else clientOrServerError += this.statusCounts[code]
    }
    let withoutResponse = 0
    for (let index = 0; index < ERROR_KINDS.length; index++) withoutResponse += this.errorCounts[index]
    const aborted = this.errorCounts[CANCELLED_INDEX]
    return { ok, clientOrServerError, failed: withoutResponse - aborted, aborted, bytesRead: this.bytesRead, sent: this.sent }
  }
}

const PROTOCOL_INDEX = ERROR_KINDS.indexOf('protocol')
const CANCELLED_INDEX = ERROR_KINDS.indexOf('cancelled')
