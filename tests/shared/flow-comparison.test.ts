import { describe, expect, it } from 'vitest'
import { comparisonText, suspectWarning } from '../../src/shared/compare/comparison-text'
import { evaluateFailOn, parseFailOn, unknownFailOnStep, type FailOnLimit } from '../../src/shared/compare/fail-on'
import { compareReports } from '../../src/shared/compare/run-comparison'
import type { StepResult } from '../../src/shared/flow/step-results'
import { buildRunReport, type RunReport } from '../../src/shared/report/run-report'
import { flowResult, LOGIN_STEPS, STEP_LATENCY, stepResult } from '../support/flow-results'
import { planOf } from '../support/plans'
import { sampleReport } from '../support/reports'

/** Two flows compared: each step's deltas matched by name, and a comparison suspect when the steps differ. */
const plan = planOf({ url: 'http://127.0.0.1:8080/login', totalRequests: 300, concurrency: 10 })
const reportOf = (steps: readonly StepResult[]): RunReport => buildRunReport({ plan, result: flowResult(steps), workers: 1 })

const base = reportOf(LOGIN_STEPS)
// The new build: log in twice as slow at p99, item's checks all passing.
const slowerLogin = [
  { ...LOGIN_STEPS[0], latencyMs: { ...STEP_LATENCY, p99: 24 } },
  { ...LOGIN_STEPS[1], checks: LOGIN_STEPS[1].checks.map((check) => ({ ...check, passed: check.passed + check.failed, failed: 0 })) },
  LOGIN_STEPS[2]
]
const next = reportOf(slowerLogin)

function limit(text: string): FailOnLimit {
  const parsed = parseFailOn(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.limit
}

describe('comparing flows', () => {
  const comparison = compareReports(base, next)

  it("gives each step's deltas, matched by name, which way is better for each", () => {
    expect(comparison.steps?.map((step) => step.name)).toEqual(['log in', 'item', 'GET {{host}}/checkout'])
    const loginP99 = comparison.steps?.[0].metrics.find((delta) => delta.metric === 'p99')
    expect(loginP99).toMatchObject({ base: 12, next: 24, change: 12, relativeChange: 1, verdict: 'worse' })
    const itemChecks = comparison.steps?.[1].metrics.find((delta) => delta.metric === 'checks')
    expect(itemChecks).toMatchObject({ base: 0.979592, next: 1, verdict: 'better' })
    expect(comparison.suspect).toBe(false)
  })

  it("compares the runs' checks passed, higher being better", () => {
    expect(comparison.metrics.find((delta) => delta.metric === 'checks')).toMatchObject({ base: 0.986486, next: 1, verdict: 'better', label: 'Checks passed' })
  })

  it('is suspect when a step is only in one run, saying which', () => {
    const renamed = reportOf([LOGIN_STEPS[0], { ...LOGIN_STEPS[1], name: 'items' }, LOGIN_STEPS[2]])
    const suspect = compareReports(base, renamed)
    expect(suspect.suspect).toBe(true)
    expect(suspect.steps?.map((step) => step.name)).toEqual(['log in', 'GET {{host}}/checkout'])
    expect(suspectWarning(suspect)).toBe(
      'this comparison is suspect: the steps differ ("item" only in the base run; "items" only in the new run), so the deltas are not the new build\'s alone.'
    )
  })

  it('is suspect when the same steps come in another order', () => {
    const reordered = compareReports(base, reportOf([LOGIN_STEPS[1], LOGIN_STEPS[0], LOGIN_STEPS[2]]))
    expect(reordered.settings).toContainEqual(expect.objectContaining({ setting: 'Steps', base: 'log in → item → GET {{host}}/checkout', next: 'item → log in → GET {{host}}/checkout' }))
    expect(suspectWarning(reordered)).toMatch(/the steps are the same but in another order/)
  })

  it('is suspect when a flow is compared with a one-request run', () => {
    const mixed = compareReports(sampleReport(), base)
    expect(mixed.suspect).toBe(true)
    expect(mixed.steps).toEqual([])
    expect(suspectWarning(mixed)).toMatch(/"log in", "item", "GET \{\{host\}\}\/checkout" only in the new run/)
  })

  it("leaves a one-request comparison as it was: no checks, no steps", () => {
    const plain = compareReports(sampleReport(), sampleReport())
    expect(plain.metrics.map((delta) => delta.metric)).not.toContain('checks')
    expect(plain).not.toHaveProperty('steps')
  })

  it('prints a block of rows per step under the run table', () => {
    const text = comparisonText(comparison)
    expect(text).toMatch(/\nStep +Base +New +Change\n/)
    expect(text).toMatch(/\n\nStep +Base +New +Change\nlog in\n {2}req\/s +50\.0 +50\.0 +0\.0 req\/s .*\n {2}p50 .*\n {2}p99 +12\.0 ms +24\.0 ms +\+12\.0 ms +\+100% +worse\n/)
    expect(text).toMatch(/\nitem\n(.*\n){5} {2}Checks passed +98\.0% +100\.0% +\+2\.0 pp +\+2\.1% +better\n/)
  })
})

describe('--fail-on a step', () => {
  const comparison = compareReports(base, next)

  it('reads STEP: LIMIT, the last colon dividing them', () => {
    expect(limit('log in: p99>+10%')).toEqual({ expression: 'log in: p99>+10%', step: 'log in', metric: 'p99', operator: '>', measure: 'relative', value: 0.1 })
    expect(limit('GET {{host}}/checkout: rps<-5%')).toMatchObject({ step: 'GET {{host}}/checkout', metric: 'rps' })
    expect(parseFailOn(': p99>+10%')).toEqual({ ok: false, message: expect.stringMatching(/name the step before the colon/) })
    expect(parseFailOn('log in: p95>+10%')).toEqual({ ok: false, message: expect.stringMatching(/^step "log in": "p95" is not a metric/) })
  })

  it("judges a step's change on that step alone", () => {
    const checks = evaluateFailOn([limit('log in: p99>+10%'), limit('item: p99>+10%'), limit('p99>+10%'), limit('item: checks<-1%')], comparison)
    expect(checks.map(({ expression, passed, actual }) => [expression, passed, actual])).toEqual([
      ['log in: p99>+10%', false, 1],
      ['item: p99>+10%', true, 0],
      ['p99>+10%', true, 0],
      ['item: checks<-1%', true, 0.020408]
    ])
  })

  it('names a step that is not in both runs, before judging anything', () => {
    expect(unknownFailOnStep([limit('p99>+10%'), limit('lgoin: p99>+10%')], comparison)).toBe(
      '"lgoin: p99>+10%": the step "lgoin" is not in both runs (the steps they share: "log in", "item", "GET {{host}}/checkout").'
    )
    expect(unknownFailOnStep([limit('x: p99>+10%')], compareReports(sampleReport(), sampleReport()))).toMatch(/the steps they share: none/)
    expect(unknownFailOnStep([limit('log in: p99>+10%')], comparison)).toBeUndefined()
  })

  it('keeps a step of another name out of the deltas rather than comparing it with a stranger', () => {
    const other = compareReports(base, reportOf([stepResult({ name: 'log in', latencyMs: { ...STEP_LATENCY, p99: 99 } })]))
    expect(other.steps?.map((step) => step.name)).toEqual(['log in'])
  })
})
