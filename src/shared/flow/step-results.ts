import type { ErrorKind, LatencySummary } from '../run-snapshot'

/**
 * The figures of a flow's run beside the run's own (the run's request figures stay the sum over
 * all steps). Shapes are the top level's, so one writer serves both. The contract between the
 * engine, the merge across workers and segments, the reports, compare, thresholds and the window.
 */

/** One check of one step, named as written. */
export interface CheckTally {
  check: string
  passed: number
  failed: number
}

/** Captures of one step that found nothing (each ends its iteration), with one example of why. */
export interface CaptureFailures {
  failed: number
  /** The capture, why, and the start of the body it searched; at most ERROR_EXAMPLE_LENGTH characters. */
  example?: string
}

/** One step as the engine counts it: a RunSnapshot's request figures, kept for this step alone. */
export interface StepSnapshot {
  name: string
  /** Requests ended, any outcome. */
  done: number
  statusCodes: Record<string, number>
  errorKinds: Partial<Record<ErrorKind, number>>
  errorExamples?: Partial<Record<ErrorKind, string>>
  latencyMs: LatencySummary
  ttfbMs: LatencySummary
  checks: CheckTally[]
  captures: CaptureFailures
}

/** A step's last word: its snapshot and its histograms (HdrHistogram, compressed base64, µs) for exact merging. */
export interface StepResult extends StepSnapshot {
  histogram?: string
  ttfbHistogram?: string
}

/** Why an iteration ended before its last step. */
export const ITERATION_FAILURES = ['noResponse', 'captureFailed', 'cancelled'] as const
export type IterationFailure = (typeof ITERATION_FAILURES)[number]

export interface IterationTally {
  started: number
  completed: number
  failed: number
  failedBy: Partial<Record<IterationFailure, number>>
  /** The run ended because every row of a unique data file had been used (each by one iteration). */
  rowsUsedUp?: boolean
  /** Of completed iterations, first send to last byte of the last step, think time included (as k6). */
  durationMs: LatencySummary
  histogram?: string
}

/** All checks of all steps, summed: checks>99% judges passed / (passed + failed). */
export interface CheckTotals {
  passed: number
  failed: number
}
