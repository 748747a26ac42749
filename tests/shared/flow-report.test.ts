import { describe, expect, it } from 'vitest'
import { parseReportText } from '../../src/shared/report/report-file'
import { buildRunReport, jsonOutput, reportJson } from '../../src/shared/report/run-report'
import { flowResult, LOGIN_STEPS, stepResult } from '../support/flow-results'
import { planOf } from '../support/plans'
import { sampleReport } from '../support/reports'
import { thresholdOf } from '../support/thresholds'

const plan = planOf({ url: 'http://127.0.0.1:8080/login', totalRequests: 300, concurrency: 10 })


describe("a flow's report", () => {
  it('gives each step the same request figures as the run, by the same rules', () => {
    const report = buildRunReport({ plan, result: flowResult(), workers: 1 })
    expect(report.steps?.map((step) => step.name)).toEqual(['log in', 'item', 'GET {{host}}/checkout'])
    expect(report.steps?.[1]).toEqual({
      name: 'item',
      requests: { sent: 98, completed: 98, failed: 0, aborted: 0 },
      responses: { ok: 95, clientOrServerError: 3 },
      errorRate: 0.030612,
      clientOrServerErrorRate: 0.030612,
      statusCodes: { '200': 95, '503': 3 },
      errors: {},
      latencyMs: { min: 1, mean: 5, p50: 4, p90: 8, p99: 300, p999: 14, p9999: 15, max: 400 },
      ttfbMs: { min: 1, mean: 5, p50: 2, p90: 8, p99: 300, p999: 14, p9999: 15, max: 400 },
      rps: 49,
      checks: [
        { check: 'body contains "price"', passed: 95, failed: 3 },
        { check: 'latency < 300ms', passed: 97, failed: 1 }
      ],
      captures: { failed: 0 }
    })
    expect(report.steps?.[0].captures).toEqual({ failed: 2, example: 'token: json $.token found nothing in {"error":"locked"}' })
  })

  it('keeps the run figures the sum over the steps', () => {
    const report = buildRunReport({ plan, result: flowResult(), workers: 1 })
    const steps = report.steps ?? []
    expect(report.requests.sent).toBe(steps.reduce((sum, step) => sum + step.requests.sent, 0))
    expect(report.responses.clientOrServerError).toBe(steps.reduce((sum, step) => sum + step.responses.clientOrServerError, 0))
  })

  it('counts iterations with their rate, and the checks with the share passed', () => {
    const report = buildRunReport({ plan, result: flowResult(), workers: 1 })
    expect(report.iterations).toEqual({
      started: 100,
      completed: 98,
      failed: 2,
      failedBy: { captureFailed: 2 },
      durationMs: { min: 10, mean: 30, p50: 25, p90: 50, p99: 90, p999: 95, p9999: 99, max: 100 },
      // 100 iterations ended over 2 s.
      perSecond: 50
    })
    expect(report.checks).toEqual({ passed: 292, failed: 4, rate: 0.986486 })
  })

  it('says a flow without checks has no check rate rather than 0% or 100%', () => {
    const report = buildRunReport({ plan, result: flowResult([stepResult({ name: 'only' })]), workers: 1 })
    expect(report.checks).toEqual({ passed: 0, failed: 0, rate: null })
  })

  it("keeps a step's error examples only for the kinds that occurred", () => {
    const step = stepResult({ name: 's', errorKinds: { timeout: 2 }, errorExamples: { timeout: 'timed out', reset: 'never counted' } })
    const report = buildRunReport({ plan, result: flowResult([step]), workers: 1 })
    expect(report.steps?.[0].errorExamples).toEqual({ timeout: 'timed out' })
    expect(report.steps?.[0].requests).toEqual({ sent: 102, completed: 100, failed: 2, aborted: 0 })
  })

  it('lists a step threshold with its step, judged on that step alone', () => {
    const report = buildRunReport({
      plan,
      result: flowResult(),
      workers: 1,
      thresholds: [thresholdOf('p99<250ms'), thresholdOf('item: p99<250ms'), thresholdOf('log in: p99<250ms'), thresholdOf('checks>99%')]
    })
    expect(report.thresholds).toEqual([
      { expression: 'p99<250ms', metric: 'p99', passed: true, actual: 12 },
      { expression: 'item: p99<250ms', step: 'item', metric: 'p99', passed: false, actual: 300 },
      { expression: 'log in: p99<250ms', step: 'log in', metric: 'p99', passed: true, actual: 12 },
      { expression: 'checks>99%', metric: 'checks', passed: false, actual: 0.986486 }
    ])
  })

  it("leaves a one-request run's report exactly as it was: no steps, iterations or checks", () => {
    const report = sampleReport()
    expect(Object.keys(jsonOutput(report))).toEqual([
      'url',
      'method',
      'startedAt',
      'requests',
      'responses',
      'errorRate',
      'clientOrServerErrorRate',
      'statusCodes',
      'errors',
      'latencyMs',
      'ttfbMs',
      'durationMs',
      'rps',
      'bytesRead',
      'outcome',
      'cancelled',
      'thresholds',
      'settings'
    ])
  })

  it('reads back from its JSON equal to what was written (compare and the history read it so)', () => {
    const report = buildRunReport({ plan, result: flowResult(), workers: 2, thresholds: [thresholdOf('item: p99<250ms')] })
    const parsed = parseReportText(reportJson(report))
    expect(parsed).toEqual({ ok: true, report })
  })

  it("names a damaged step's field by its path when read back", () => {
    const report = buildRunReport({ plan, result: flowResult(LOGIN_STEPS), workers: 1 })
    const damaged = JSON.parse(reportJson(report)) as { steps: Array<{ checks: Array<{ passed: unknown }> }> }
    damaged.steps[1].checks[0].passed = 'many'
    expect(parseReportText(JSON.stringify(damaged))).toEqual({ ok: false, message: 'steps[1].checks[0].passed: expected a number, found "many".' })
  })
})
