import type { RunHealth } from './generator-health'
import type { RunInterval, RunSeries } from './run-interval'
import type { CheckTotals, IterationTally, StepResult, StepSnapshot } from './flow/step-results'

/** How a request ended without a full response. Labels for people live in the renderer. */
export const ERROR_KINDS = [
  'refused',
  'reset',
  'timeout',
  'dns',
  'tls',
  'protocol',
  'cancelled',
  'other'
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

/** An example message is cut to this length: enough to recognise the error, never a flood. */
export const ERROR_EXAMPLE_LENGTH = 200

/** Milliseconds; all zero until the first response. */
export interface LatencySummary {
  min: number
  mean: number
  p50: number
  p90: number
  p99: number
  p999: number
  p9999: number
  max: number
}

/**
 * The state of a run at one moment: what the engine posts about 10 times a second and main forwards,
 * throttled, to the renderer. Every request that starts ends in exactly one status code or error kind,
 * so `done` is their sum.
 */
export interface RunSnapshot {
  runId: number
  /** Requests planned; 0 for a run bounded by its duration alone. */
  total: number
  /** Requests ended, any outcome: the progress bar's numerator. */
  done: number
  /** Full responses received, by status code ("200", "503", ...). */
  statusCodes: Record<string, number>
  /** Requests that ended without a full response, by kind. */
  errorKinds: Partial<Record<ErrorKind, number>>
  /** The first error message of each kind seen (at most ERROR_EXAMPLE_LENGTH characters), for people to read. */
  errorExamples?: Partial<Record<ErrorKind, string>>
  elapsedMs: number
  /** Average over the run so far: done / elapsed seconds. */
  requestsPerSecond: number
  /**
   * Of full responses (any status), to the last byte of the body: from the send in the closed
   * model, from when the request was due in the open model (corrected for coordinated omission).
   */
  latencyMs: LatencySummary
  /** Time to first byte of the same responses: to the response's headers, from the same start. */
  ttfbMs: LatencySummary
  /** Open model only: latency from the actual send, beside the corrected latencyMs. */
  rawLatencyMs?: LatencySummary
  bytesRead: number
  /**
   * The intervals (./run-interval.ts) closed since the previous snapshot of the same stream: one per
   * snapshot from an engine; from the controller, every interval since its last delivery to the
   * window, so none is lost when snapshots are coalesced.
   */
  intervals: RunInterval[]
  /** A flow only (./flow/step-results.ts): each step's own figures, in the order of the steps. */
  steps?: StepSnapshot[]
  /** A flow only: iterations started, completed and failed, and their duration. */
  iterations?: IterationTally
  /** A flow only: every check of every step, summed. */
  checks?: CheckTotals
}

export type RunOutcome = 'finished' | 'cancelled' | 'crashed'

/** The last word on a run. A crashed run keeps the last snapshot the engine had posted. */
export interface RunResult extends Omit<RunSnapshot, 'steps'> {
  /** A flow only: each step's figures with its histograms, for exact merging. */
  steps?: StepResult[]
  outcome: RunOutcome
  /** For 'crashed': what went wrong, in words for the user. */
  message?: string
  /** The full latency histogram (HdrHistogram, compressed base64, microseconds), for exact merging. */
  histogram?: string
  /** The same for ttfbMs and (open model) rawLatencyMs. */
  ttfbHistogram?: string
  rawLatencyHistogram?: string
  /** Wall clock (epoch ms) when the schedule began: the earliest of the engines'. */
  startedAtMs?: number
  /** Added by the controller (src/control/run-controller.ts): the run's whole series, bounded. */
  series?: RunSeries
  /** Added by the controller: how the generator kept up over the run (./generator-health.ts). */
  health?: RunHealth
  /** Added by the controller: the latency histogram's counts in log-spaced bins, for a chart. */
  latencyBins?: LatencyBin[]
}

/** The responses whose latency fell in [fromMs, toMs). */
export interface LatencyBin {
  fromMs: number
  toMs: number
  count: number
}

/**
 * The one sentence for a crashed run: `how` says what ended the engine ("killed by SIGKILL"), when
 * known. The controller writes it into the result; the window and the CLI show that message.
 */
export function crashMessage(how?: string): string {
  const detail = how ? ` (${how})` : ''
  return `The engine process stopped unexpectedly${detail}. The results collected until then are shown.`
}

export const EMPTY_LATENCY: LatencySummary = { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, p9999: 0, max: 0 }

export function emptySnapshot(runId: number, total: number): RunSnapshot {
  return {
    runId,
    total,
    done: 0,
    statusCodes: {},
    errorKinds: {},
    elapsedMs: 0,
    requestsPerSecond: 0,
    latencyMs: EMPTY_LATENCY,
    ttfbMs: EMPTY_LATENCY,
    bytesRead: 0,
    intervals: []
  }
}
