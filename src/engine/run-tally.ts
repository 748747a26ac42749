import { ERROR_KINDS, type ErrorKind, type RunSnapshot } from '../shared/run-snapshot'
import { createLatencyHistogram, encodeHistogram, summarizeInMs } from './latency-histogram'

/** llhttp accepts exactly three digits, so every status code the parser lets through is below 1000. */
const STATUS_CODE_LIMIT = 1000

/**
 * Everything a run has counted so far, in fixed-size state: one slot per status code and error kind,
 * a byte counter and the latency histogram. Recording is a few additions; the snapshot is built only
 * when asked, about ten times a second.
 */
export class RunTally {
  /** Requests ended, any outcome. */
  done = 0
  /** Response body bytes read, of every response that sent any. */
  bytesRead = 0
  private readonly statusCounts = new Float64Array(STATUS_CODE_LIMIT)
  private readonly errorCounts = new Float64Array(ERROR_KINDS.length)
  private readonly latency = createLatencyHistogram()

  /** A full response: its status and the time from when it was due (./request-slot.ts) to its last byte. */
  recordResponse(statusCode: number, latencyMicros: number): void {
    this.done++
    if (statusCode >= 0 && statusCode < STATUS_CODE_LIMIT) this.statusCounts[statusCode]++
    else this.errorCounts[PROTOCOL_INDEX]++
    this.latency.recordValue(latencyMicros)
  }

  recordError(kind: ErrorKind): void {
    this.done++
    this.errorCounts[ERROR_KINDS.indexOf(kind)]++
  }

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
      elapsedMs,
      requestsPerSecond: elapsedMs > 0 ? (this.done * 1000) / elapsedMs : 0,
      latencyMs: summarizeInMs(this.latency),
      bytesRead: this.bytesRead
    }
  }

  encodedHistogram(): string {
    return encodeHistogram(this.latency)
  }
}

const PROTOCOL_INDEX = ERROR_KINDS.indexOf('protocol')
