import { checkPassRate, iterationsPerSecond, stepRequestsPerSecond } from '../flow/flow-figures'
import type { CaptureFailures, CheckTally, IterationFailure, StepSnapshot } from '../flow/step-results'
import type { LatencySummary, RunResult } from '../run-snapshot'
import { REPORT_DIGITS, round, roundEach } from './report-rounding'
import { requestFigures, type RequestFigures } from './request-figures'

/**
 * What a flow's run adds to its report (./run-report.ts): each step's figures with the same shapes
 * and the same function as the run's own (./request-figures.ts), the iterations and the checks. A
 * one-request run has none of these fields, so its JSON is as it always was.
 */

export interface StepReport extends RequestFigures {
  /** As every result names it: its own name, else METHOD and the URL as written. */
  name: string
  /** The step's requests ended a second, over the whole run's duration. */
  rps: number
  /** Each check of the step as written, in the file's order. */
  checks: CheckTally[]
  /** Captures that found nothing (each ended its iteration), with one example of why. */
  captures: CaptureFailures
}

export interface IterationReport {
  started: number
  completed: number
  /** Ended before the last step: no response, a capture that found nothing, or a cancel (failedBy). */
  failed: number
  failedBy: Partial<Record<IterationFailure, number>>
  /** Of completed iterations, first send to the last byte of the last step, think time included. */
  durationMs: LatencySummary
  /** Iterations ended (completed or failed) a second over the run (src/shared/flow/flow-figures.ts). */
  perSecond: number
}

export interface CheckReport {
  passed: number
  failed: number
  /** passed / (passed + failed), as a fraction: what `checks>99%` judges; null when no check ran. */
  rate: number | null
}

export interface FlowReport {
  steps: StepReport[]
  iterations: IterationReport
  checks: CheckReport
}

/** The flow's fields of the report, each only when the result carries it. */
export function flowReportOf(result: RunResult): Partial<FlowReport> {
  const report: Partial<FlowReport> = {}
  if (result.steps) report.steps = result.steps.map((step) => stepReportOf(step, result.elapsedMs))
  if (result.iterations) {
    const { started, completed, failed, failedBy, durationMs } = result.iterations
    report.iterations = {
      started,
      completed,
      failed,
      failedBy: { ...failedBy },
      durationMs: roundEach(durationMs),
      perSecond: round(iterationsPerSecond(result.iterations, result.elapsedMs), REPORT_DIGITS.rps)
    }
  }
  if (result.checks) {
    const rate = checkPassRate(result.checks)
    report.checks = { ...result.checks, rate: rate === null ? null : round(rate, REPORT_DIGITS.rate) }
  }
  return report
}

function stepReportOf(step: StepSnapshot, elapsedMs: number): StepReport {
  return {
    name: step.name,
    ...requestFigures(step),
    rps: round(stepRequestsPerSecond(step, elapsedMs), REPORT_DIGITS.rps),
    checks: step.checks.map(({ check, passed, failed }) => ({ check, passed, failed })),
    captures: { failed: step.captures.failed, ...(step.captures.example === undefined ? {} : { example: step.captures.example }) }
  }
}
