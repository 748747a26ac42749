import { formatCount, formatLatency, formatPercent, formatRate } from '../format'
import { ITERATION_FAILURES, type IterationFailure } from '../flow/step-results'
import type { CheckReport, IterationReport, StepReport } from './flow-report'
import { oneLine } from './report-text'

/** The pieces of text every rendering of a flow's report shares: the CLI summary, Markdown and HTML. */

export const ITERATION_FAILURE_LABELS: Readonly<Record<IterationFailure, string>> = {
  noResponse: 'no response',
  captureFailed: 'a capture found nothing',
  cancelled: 'cancelled'
}

/** "100 started, 98 completed, 2 failed (a capture found nothing: 2)". */
export function iterationsText(iterations: IterationReport): string {
  const why = ITERATION_FAILURES.filter((failure) => (iterations.failedBy[failure] ?? 0) > 0)
    .map((failure) => `${ITERATION_FAILURE_LABELS[failure]}: ${formatCount(iterations.failedBy[failure] ?? 0)}`)
    .join(', ')
  const failed = `${formatCount(iterations.failed)} failed${why === '' ? '' : ` (${why})`}`
  return `${formatCount(iterations.started)} started, ${formatCount(iterations.completed)} completed, ${failed}`
}

/** "p50 25.0 ms, p90 50.0 ms, p99 90.0 ms, max 100 ms", or why there is none. */
export function iterationDurationText(iterations: IterationReport): string {
  if (iterations.completed === 0) return 'none: no iteration completed'
  const { p50, p90, p99, max } = iterations.durationMs
  return `p50 ${formatLatency(p50)}, p90 ${formatLatency(p90)}, p99 ${formatLatency(p99)}, max ${formatLatency(max)}`
}

/** "50.0 a second". */
export function iterationRateText(iterations: IterationReport): string {
  return `${formatRate(iterations.perSecond)} a second`
}

/** "292 passed, 4 failed (98.6% passed)"; floored, so 100% means every check passed. */
export function checksText(checks: Pick<CheckReport, 'passed' | 'failed'>): string {
  const judged = checks.passed + checks.failed
  if (judged === 0) return 'none ran'
  return `${formatCount(checks.passed)} passed, ${formatCount(checks.failed)} failed (${formatPercent(checks.passed, judged)} passed)`
}

/** The per-step table's columns, as every rendering labels them. */
export const STEP_COLUMNS = ['Step', 'Sent', '2xx–3xx', '4xx–5xx', 'Failed', 'p50', 'p99', 'max', 'req/s', 'Checks'] as const

/** One row of the per-step table: a latency reads — when the step had no response. */
export function stepCells(step: StepReport): string[] {
  const answered = step.requests.completed > 0
  const latency = (ms: number): string => (answered ? formatLatency(ms) : '—')
  const judged = step.checks.reduce((sum, check) => sum + check.passed + check.failed, 0)
  const passed = step.checks.reduce((sum, check) => sum + check.passed, 0)
  return [
    oneLine(step.name),
    formatCount(step.requests.sent),
    formatCount(step.responses.ok),
    formatCount(step.responses.clientOrServerError),
    formatCount(step.requests.failed),
    latency(step.latencyMs.p50),
    latency(step.latencyMs.p99),
    latency(step.latencyMs.max),
    formatRate(step.rps),
    judged === 0 ? '—' : `${formatPercent(passed, judged)} passed`
  ]
}

/**
 * What went wrong in a step, a line each: a check that failed, captures that found nothing (with
 * the example). `quote` renders the text the file or the target wrote (the check, the example):
 * as it is on a terminal, in a code span in Markdown, escaped in HTML.
 */
export interface StepProblem {
  step: string
  text: string
}

export function stepProblems(steps: readonly StepReport[], quote: (text: string) => string = (text) => text): StepProblem[] {
  const problems: StepProblem[] = []
  for (const step of steps) {
    const name = oneLine(step.name)
    for (const check of step.checks) {
      if (check.failed > 0) {
        problems.push({ step: name, text: `check ${quote(oneLine(check.check))} failed ${formatCount(check.failed)} of ${formatCount(check.passed + check.failed)}` })
      }
    }
    if (step.captures.failed > 0) {
      const example = step.captures.example === undefined ? '' : `, for example: ${quote(oneLine(step.captures.example))}`
      problems.push({ step: name, text: `${formatCount(step.captures.failed)} captures found nothing${example}` })
    }
  }
  return problems
}
