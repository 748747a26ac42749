import type { CheckTally, IterationTally, StepResult } from '../../src/shared/flow/step-results'
import { EMPTY_LATENCY, type LatencySummary, type RunResult } from '../../src/shared/run-snapshot'

/**
 * A flow's results for tests, built whole until a real engine runs them: the run's request figures
 * are the sum over its steps, and the check totals the sum of the steps' checks, as the engine keeps them.
 */

export const STEP_LATENCY: LatencySummary = { min: 1, mean: 5, p50: 4, p90: 8, p99: 12, p999: 14, p9999: 15, max: 16 }

export interface StepOptions {
  name: string
  statusCodes?: Record<string, number>
  errorKinds?: StepResult['errorKinds']
  errorExamples?: StepResult['errorExamples']
  latencyMs?: LatencySummary
  checks?: CheckTally[]
  captures?: StepResult['captures']
}

export function stepResult({ name, statusCodes = { '200': 100 }, errorKinds = {}, errorExamples, latencyMs = STEP_LATENCY, checks = [], captures = { failed: 0 } }: StepOptions): StepResult {
  const ended = [...Object.values(statusCodes), ...Object.values(errorKinds)].reduce((sum: number, count) => sum + (count ?? 0), 0)
  return {
    name,
    done: ended,
    statusCodes,
    errorKinds,
    ...(errorExamples ? { errorExamples } : {}),
    latencyMs,
    ttfbMs: { ...latencyMs, p50: latencyMs.p50 / 2 },
    checks,
    captures
  }
}

/** The three steps of a login flow: 100 iterations, 2 of them ended by a capture that found nothing. */
export const LOGIN_STEPS: readonly StepResult[] = [
  stepResult({
    name: 'log in',
    statusCodes: { '200': 100 },
    checks: [{ check: 'status == 200', passed: 100, failed: 0 }],
    captures: { failed: 2, example: 'token: json $.token found nothing in {"error":"locked"}' }
  }),
  stepResult({
    name: 'item',
    statusCodes: { '200': 95, '503': 3 },
    latencyMs: { ...STEP_LATENCY, p99: 300, max: 400 },
    checks: [
      { check: 'body contains "price"', passed: 95, failed: 3 },
      { check: 'latency < 300ms', passed: 97, failed: 1 }
    ]
  }),
  stepResult({ name: 'GET {{host}}/checkout', statusCodes: { '200': 98 } })
]

export const LOGIN_ITERATIONS: IterationTally = {
  started: 100,
  completed: 98,
  failed: 2,
  failedBy: { captureFailed: 2 },
  durationMs: { min: 10, mean: 30, p50: 25, p90: 50, p99: 90, p999: 95, p9999: 99, max: 100 }
}

/** A flow's finished result over 2 s: the run's figures the sum of its steps'. */
export function flowResult(steps: readonly StepResult[] = LOGIN_STEPS, overrides: Partial<RunResult> = {}): RunResult {
  const statusCodes: Record<string, number> = {}
  const errorKinds: RunResult['errorKinds'] = {}
  let passed = 0
  let failed = 0
  for (const step of steps) {
    for (const [code, count] of Object.entries(step.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count
    for (const [kind, count] of Object.entries(step.errorKinds) as Array<[keyof RunResult['errorKinds'], number]>) {
      errorKinds[kind] = (errorKinds[kind] ?? 0) + count
    }
    for (const check of step.checks) {
      passed += check.passed
      failed += check.failed
    }
  }
  const done = steps.reduce((sum, step) => sum + step.done, 0)
  return {
    runId: 1,
    total: 0,
    done,
    statusCodes,
    errorKinds,
    elapsedMs: 2000,
    requestsPerSecond: done / 2,
    latencyMs: steps.length > 0 ? STEP_LATENCY : EMPTY_LATENCY,
    ttfbMs: steps.length > 0 ? { ...STEP_LATENCY, p50: 2 } : EMPTY_LATENCY,
    bytesRead: 10_000,
    intervals: [],
    outcome: 'finished',
    steps: [...steps],
    iterations: LOGIN_ITERATIONS,
    checks: { passed, failed },
    ...overrides
  }
}
