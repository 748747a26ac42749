import { describe, expect, it } from 'vitest'
import { iterationLineOfReport, iterationLineOfSnapshot, stepRowsOfReport, stepRowsOfSnapshot } from '../../src/renderer/src/results/step-rows'
import { buildRunReport } from '../../src/shared/report/run-report'
import { flowResult, LOGIN_ITERATIONS, LOGIN_STEPS, stepResult } from '../support/flow-results'
import { planOf } from '../support/plans'

const plan = planOf({ url: 'http://127.0.0.1:9/login', totalRequests: 300, concurrency: 10 })

describe('the step table rows', () => {
  it('count each step as its figures say: 4xx–5xx, failed, checks summed, failed captures', () => {
    const steps = [...LOGIN_STEPS, stepResult({ name: 'down', statusCodes: {}, errorKinds: { refused: 4 } })]
    const rows = stepRowsOfSnapshot(steps, 2000)
    expect(rows.map(({ name, sent, clientOrServerError, failed, checks, capturesFailed }) => ({ name, sent, clientOrServerError, failed, checks, capturesFailed }))).toEqual([
      { name: 'log in', sent: 100, clientOrServerError: 0, failed: 0, checks: { passed: 100, failed: 0 }, capturesFailed: 2 },
      { name: 'item', sent: 98, clientOrServerError: 3, failed: 0, checks: { passed: 192, failed: 4 }, capturesFailed: 0 },
      { name: 'GET {{host}}/checkout', sent: 98, clientOrServerError: 0, failed: 0, checks: { passed: 0, failed: 0 }, capturesFailed: 0 },
      { name: 'down', sent: 4, clientOrServerError: 0, failed: 4, checks: { passed: 0, failed: 0 }, capturesFailed: 0 }
    ])
    expect(rows[1]).toMatchObject({ rps: 49, p50: 4, p99: 300 })
    // A step with no response has no latency to show, not a 0.
    expect(rows[3]).toMatchObject({ p50: null, p99: null })
  })

  it("read from a finished run's report, equal the live ones of its result: the summary shows what the live table showed", () => {
    const result = flowResult()
    const report = buildRunReport({ plan, result, workers: 1 })
    expect(stepRowsOfReport(report)).toEqual(stepRowsOfSnapshot(result.steps!, result.elapsedMs))
    expect(iterationLineOfReport(report)).toEqual(iterationLineOfSnapshot(LOGIN_ITERATIONS, result.elapsedMs))
    expect(iterationLineOfReport(report)).toEqual({ started: 100, completed: 98, failed: 2, perSecond: 50, p50: 25, p99: 90 })
  })

  it('are none for a one-request run', () => {
    const report = buildRunReport({ plan, result: flowResult([], { steps: undefined, iterations: undefined, checks: undefined }), workers: 1 })
    expect(stepRowsOfReport(report)).toBeUndefined()
    expect(iterationLineOfReport(report)).toBeUndefined()
  })
})
