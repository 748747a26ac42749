import type { RunSnapshot } from '../run-snapshot'
import type { CheckTally, CheckTotals, IterationTally, StepSnapshot } from './step-results'

/**
 * The one definition of each figure of a flow's run that is not a plain count, for the report,
 * thresholds, compare and the window alike.
 */

/** The share of checks that passed, as a fraction (what `checks>99%` judges); null when no check ran. */
export function checkPassRate(totals: CheckTotals): number | null {
  const judged = totals.passed + totals.failed
  return judged > 0 ? totals.passed / judged : null
}

/** A step's checks summed: the step's own `checks>99%`. */
export function checkTotalsOf(checks: readonly CheckTally[]): CheckTotals {
  let passed = 0
  let failed = 0
  for (const check of checks) {
    passed += check.passed
    failed += check.failed
  }
  return { passed, failed }
}

/** Iterations ended (completed or failed) a second over the run, as rps counts requests ended. */
export function iterationsPerSecond(iterations: Pick<IterationTally, 'completed' | 'failed'>, elapsedMs: number): number {
  return elapsedMs > 0 ? ((iterations.completed + iterations.failed) * 1000) / elapsedMs : 0
}

/** A step's requests ended a second, over the whole run's time (its requests are spread over all of it). */
export function stepRequestsPerSecond(step: Pick<StepSnapshot, 'done'>, elapsedMs: number): number {
  return elapsedMs > 0 ? (step.done * 1000) / elapsedMs : 0
}

/**
 * One step's figures as a snapshot of a run of its own, so every function that judges a run (the
 * outcome classes, thresholds) judges a step the same way, with its own checks.
 */
export function stepAsSnapshot(step: StepSnapshot, run: Pick<RunSnapshot, 'runId' | 'elapsedMs'>): RunSnapshot {
  return {
    runId: run.runId,
    // A step has no planned count of its own: its rates are never settled before the end.
    total: 0,
    done: step.done,
    statusCodes: step.statusCodes,
    errorKinds: step.errorKinds,
    ...(step.errorExamples ? { errorExamples: step.errorExamples } : {}),
    elapsedMs: run.elapsedMs,
    requestsPerSecond: stepRequestsPerSecond(step, run.elapsedMs),
    latencyMs: step.latencyMs,
    ttfbMs: step.ttfbMs,
    bytesRead: 0,
    intervals: [],
    checks: checkTotalsOf(step.checks)
  }
}
