import { checkTotalsOf, iterationsPerSecond, stepRequestsPerSecond } from '../../../shared/flow/flow-figures'
import type { CheckTotals, IterationTally, StepSnapshot } from '../../../shared/flow/step-results'
import type { RunReport } from '../../../shared/report/run-report'
import { classifyOutcomes } from '../../../shared/request-outcomes'

/**
 * A flow's step table as the window shows it, live (from the snapshot) or finished (from the report):
 * both read the same figures of src/shared (request-outcomes.ts, flow-figures.ts; the report's own
 * come from them too), so the live table and the summary, stored run and report never disagree.
 */
export interface StepRow {
  name: string
  sent: number
  rps: number
  /** null until a response arrived. */
  p50: number | null
  p99: number | null
  clientOrServerError: number
  failed: number
  checks: CheckTotals
  capturesFailed: number
}

export interface IterationLine {
  started: number
  completed: number
  failed: number
  perSecond: number
  /** null until an iteration completed. */
  p50: number | null
  p99: number | null
}

export function stepRowsOfSnapshot(steps: readonly StepSnapshot[], elapsedMs: number): StepRow[] {
  return steps.map((step) => {
    const outcomes = classifyOutcomes(step)
    const answered = outcomes.completed > 0
    return {
      name: step.name,
      sent: outcomes.sent,
      rps: stepRequestsPerSecond(step, elapsedMs),
      p50: answered ? step.latencyMs.p50 : null,
      p99: answered ? step.latencyMs.p99 : null,
      clientOrServerError: outcomes.clientOrServerError,
      failed: outcomes.failed,
      checks: checkTotalsOf(step.checks),
      capturesFailed: step.captures.failed
    }
  })
}

export function iterationLineOfSnapshot(iterations: IterationTally, elapsedMs: number): IterationLine {
  const { started, completed, failed, durationMs } = iterations
  const ended = completed > 0
  return { started, completed, failed, perSecond: iterationsPerSecond(iterations, elapsedMs), p50: ended ? durationMs.p50 : null, p99: ended ? durationMs.p99 : null }
}

/** A finished flow's rows, from its report (./flow-report.ts); undefined for a one-request run. */
export function stepRowsOfReport(report: Pick<RunReport, 'steps'>): StepRow[] | undefined {
  return report.steps?.map((step) => {
    const answered = step.requests.completed > 0
    return {
      name: step.name,
      sent: step.requests.sent,
      rps: step.rps,
      p50: answered ? step.latencyMs.p50 : null,
      p99: answered ? step.latencyMs.p99 : null,
      clientOrServerError: step.responses.clientOrServerError,
      failed: step.requests.failed,
      checks: checkTotalsOf(step.checks),
      capturesFailed: step.captures.failed
    }
  })
}

export function iterationLineOfReport(report: Pick<RunReport, 'iterations'>): IterationLine | undefined {
  if (!report.iterations) return undefined
  const { started, completed, failed, perSecond, durationMs } = report.iterations
  const ended = completed > 0
  return { started, completed, failed, perSecond, p50: ended ? durationMs.p50 : null, p99: ended ? durationMs.p99 : null }
}
