import { describe, expect, it } from 'vitest'
import { emptySnapshot, type LatencySummary, type RunSnapshot } from '../../src/shared/run-snapshot'
import {
  evaluateThresholds,
  formatThresholdActual,
  parseStepThresholds,
  parseThreshold,
  unknownStepProblem,
  type Threshold
} from '../../src/shared/thresholds'
import { flowResult } from '../support/flow-results'

function threshold(text: string): Threshold {
  const parsed = parseThreshold(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.threshold
}

function problemOf(text: string): string {
  const parsed = parseThreshold(text)
  if (parsed.ok) throw new Error(`${text} was accepted`)
  return parsed.message
}

describe('parseThreshold', () => {
  it.each([
    ['p99<250ms', { metric: 'p99', operator: '<', value: 250 }],
    ['p99 < 250', { metric: 'p99', operator: '<', value: 250 }],
    ['p99.9<=0.5s', { metric: 'p99.9', operator: '<=', value: 500 }],
    ['P99.99 < 800us', { metric: 'p99.99', operator: '<', value: 0.8 }],
    ['max<2s', { metric: 'max', operator: '<', value: 2000 }],
    ['mean>=.5ms', { metric: 'mean', operator: '>=', value: 0.5 }],
    ['ttfb_p90<100ms', { metric: 'ttfb_p90', operator: '<', value: 100 }],
    ['error_rate<1%', { metric: 'error_rate', operator: '<', value: 0.01 }],
    ['client_or_server_error_rate <= 0.5 %', { metric: 'client_or_server_error_rate', operator: '<=', value: 0.005 }],
    ['rps>500', { metric: 'rps', operator: '>', value: 500 }],
    ['  rps >= 1200.5/s ', { metric: 'rps', operator: '>=', value: 1200.5 }]
  ])('reads %s', (text, expected) => {
    expect(threshold(text)).toEqual({ expression: text.trim(), ...expected })
  })

  it.each([
    ['', /^Write a condition, such as p99<250ms/],
    ['p99 250ms', /compares nothing: write it with <, <=, > or >=/],
    ['p95<250ms', /"p95" is not a metric: use p50, p90, p99/],
    ['latency<250ms', /"latency" is not a metric/],
    ['p99<fast', /^p99<fast: give a time, such as 250ms/],
    ['p99<250 minutes', /give a time/],
    ['p99<-5ms', /give a time/],
    ['error_rate<1', /^error_rate<1: give a percentage, such as 1%/],
    ['error_rate<150%', /a rate is at most 100%/],
    ['rps>500ms', /give requests a second, such as 500/],
    ['p99=250ms', /compares nothing: write it with <, <=, > or >= \(= alone is not one\)/],
    ['p99<<250ms', /give a time/]
  ])('refuses %j, saying why', (text, message) => {
    expect(problemOf(text)).toMatch(message)
  })
})

const latency = (p99: number, max: number): LatencySummary => ({ min: 1, mean: 5, p50: 4, p90: 8, p99, p999: max, p9999: max, max })

function snapshotOf(overrides: Partial<RunSnapshot>): RunSnapshot {
  return { ...emptySnapshot(1, 0), ...overrides }
}

const answered = snapshotOf({
  done: 1000,
  statusCodes: { '200': 985, '503': 10 },
  errorKinds: { timeout: 5 },
  requestsPerSecond: 640,
  latencyMs: latency(210, 900),
  ttfbMs: latency(150, 800)
})

describe('evaluateThresholds at the end of a run', () => {
  it('passes or fails each on the run’s figures, with the actual figure in the metric’s unit', () => {
    const checks = evaluateThresholds(
      ['p99<250ms', 'max<=0.9s', 'ttfb_p99>200ms', 'error_rate<1%', 'client_or_server_error_rate<1.5%', 'rps>500'].map(threshold),
      answered,
      { final: true }
    )
    expect(checks.map(({ expression, status, passed, actual }) => ({ expression, status, passed, actual }))).toEqual([
      { expression: 'p99<250ms', status: 'passed', passed: true, actual: 210 },
      { expression: 'max<=0.9s', status: 'passed', passed: true, actual: 900 },
      { expression: 'ttfb_p99>200ms', status: 'failed', passed: false, actual: 150 },
      { expression: 'error_rate<1%', status: 'failed', passed: false, actual: 0.015 },
      { expression: 'client_or_server_error_rate<1.5%', status: 'passed', passed: true, actual: 0.01 },
      { expression: 'rps>500', status: 'passed', passed: true, actual: 640 }
    ])
  })

  it('fails a latency threshold when no response arrived: it could not be shown to hold', () => {
    const refused = snapshotOf({ done: 10, errorKinds: { refused: 10 } })
    expect(evaluateThresholds([threshold('p99<250ms')], refused, { final: true })[0]).toMatchObject({
      status: 'failed',
      passed: false,
      actual: null
    })
  })
})

describe('evaluateThresholds while the run goes', () => {
  const live = (text: string, snapshot: RunSnapshot) => evaluateThresholds([threshold(text)], snapshot, { final: false })[0].status

  it('is lost the moment a max above the limit appears (a max only grows), and won once above a floor', () => {
    expect(live('max<1s', answered)).toBe('passing')
    expect(live('max<500ms', answered)).toBe('failed')
    expect(live('ttfb_max<=800ms', answered)).toBe('passing')
    expect(live('max>500ms', answered)).toBe('passed')
    expect(live('max>2s', answered)).toBe('failing')
  })

  it('says only "so far" of percentiles, means and throughput: they go both ways', () => {
    expect(live('p99<250ms', answered)).toBe('passing')
    expect(live('p99<100ms', answered)).toBe('failing')
    expect(live('mean<1ms', answered)).toBe('failing')
    expect(live('rps>1000', answered)).toBe('failing')
  })

  it('waits for the first response before judging a latency', () => {
    expect(live('p99<250ms', snapshotOf({}))).toBe('waiting')
    expect(live('error_rate<1%', snapshotOf({}))).toBe('passing')
  })

  it('settles a rate of a run bounded by a count once the requests left cannot change it', () => {
    // 1,000 planned; 20 failed already: the rate ends at 2% or more, whatever the rest do.
    const early = snapshotOf({ total: 1000, done: 100, statusCodes: { '200': 80 }, errorKinds: { reset: 20 } })
    expect(live('error_rate<1%', early)).toBe('failed')
    expect(live('error_rate>=2%', early)).toBe('passed')
    // 5 of 100 so far (5%), but of 1,000 that is 0.5%: failing so far, and it may still pass.
    const undecided = snapshotOf({ total: 1000, done: 100, statusCodes: { '200': 95 }, errorKinds: { reset: 5 } })
    expect(live('error_rate<1%', undecided)).toBe('failing')
    expect(live('error_rate<6%', undecided)).toBe('passing')
    // Without a count the run may go on for ever: never settled before its end.
    expect(live('error_rate<1%', { ...early, total: 0 })).toBe('failing')
  })
})

describe('formatThresholdActual', () => {
  it('reads each metric in its unit', () => {
    expect(formatThresholdActual('p99', 212.5)).toBe('213 ms')
    expect(formatThresholdActual('error_rate', 0.004)).toBe('0.40%')
    expect(formatThresholdActual('rps', 1234.4)).toBe('1,234 req/s')
    expect(formatThresholdActual('ttfb_max', null)).toBe('none: no response arrived')
  })
})

describe('thresholds of a flow', () => {
  const flow = flowResult()

  it.each([
    ['checks>99%', { expression: 'checks>99%', metric: 'checks', operator: '>', value: 0.99 }],
    ['item: p99<250ms', { expression: 'item: p99<250ms', step: 'item', metric: 'p99', operator: '<', value: 250 }],
    ['  log in :  error_rate < 1% ', { expression: 'log in: error_rate < 1%', step: 'log in', metric: 'error_rate', operator: '<', value: 0.01 }],
    // A step named by its method and URL holds colons of its own: the last one divides.
    ['GET http://127.0.0.1:8080/x: max<1s', { expression: 'GET http://127.0.0.1:8080/x: max<1s', step: 'GET http://127.0.0.1:8080/x', metric: 'max', operator: '<', value: 1000 }]
  ])('reads %j', (text, expected) => {
    expect(threshold(text)).toEqual(expected)
  })

  it.each([
    [': p99<250ms', /name the step before the colon/],
    ['item: p95<250ms', /^step "item": "p95" is not a metric/],
    ['checks>99', /^checks>99: give a percentage/]
  ])('refuses %j, saying why', (text, message) => {
    expect(problemOf(text)).toMatch(message)
  })

  it("judges checks>99% on the share of all checks passed, and a step's on its own checks", () => {
    const checks = evaluateThresholds([threshold('checks>98%'), threshold('checks>99%'), threshold('item: checks>99%'), threshold('log in: checks>=100%')], flow, { final: true })
    expect(checks.map(({ passed, actual }) => [passed, actual])).toEqual([
      [true, 292 / 296],
      [false, 292 / 296],
      [false, 192 / 196],
      [true, 1]
    ])
  })

  it("judges a step's latency, rate and rps on that step's figures alone", () => {
    const checks = evaluateThresholds(
      [threshold('item: p99<250ms'), threshold('item: client_or_server_error_rate<1%'), threshold('log in: error_rate<1%'), threshold('item: rps>=49')],
      flow,
      { final: true }
    )
    expect(checks.map(({ step, passed, actual }) => [step, passed, actual])).toEqual([
      ['item', false, 300],
      ['item', false, 3 / 98],
      ['log in', true, 0],
      ['item', true, 49]
    ])
  })

  it('fails a threshold of a step the run has no figures of, and of checks where none ran, saying so', () => {
    const [missing, noChecks] = evaluateThresholds([threshold('nowhere: p99<1s'), threshold('checks>99%')], answered, { final: true })
    expect(missing).toMatchObject({ passed: false, actual: null, status: 'failed' })
    expect(noChecks).toMatchObject({ passed: false, actual: null })
    expect(formatThresholdActual('checks', null)).toBe('none: no check ran')
  })

  it('waits while a step has no figures yet, and never settles the checks before the end', () => {
    const [step, checks] = evaluateThresholds([threshold('item: p99<1s'), threshold('checks>99%')], { ...flow, steps: [] }, { final: false })
    expect(step.status).toBe('waiting')
    expect(checks.status).toBe('failing')
  })

  it("reads a step's own thresholds from the file, named with the step", () => {
    const parsed = parseStepThresholds([
      { method: 'GET', url: '{{host}}/items', thresholds: ['p99<250ms'] },
      { name: 'pay', method: 'POST', url: '/pay', thresholds: ['checks>99%', 'error_rate<1%'] }
    ])
    expect(parsed.ok && parsed.thresholds.map((parsedThreshold) => parsedThreshold.expression)).toEqual([
      'GET {{host}}/items: p99<250ms',
      'pay: checks>99%',
      'pay: error_rate<1%'
    ])
    expect(parseStepThresholds([{ name: 'pay', method: 'POST', url: '/pay', thresholds: ['p95<1s'] }])).toEqual({
      ok: false,
      message: expect.stringMatching(/^step "pay": "p95" is not a metric/)
    })
  })

  it('names a step that the test does not have, and the steps it has', () => {
    const thresholds = [threshold('p99<1s'), threshold('lgoin: p99<1s')]
    expect(unknownStepProblem(thresholds, ['login', 'item'])).toBe('"lgoin: p99<1s": this test has no step named "lgoin" (its steps: "login", "item").')
    expect(unknownStepProblem(thresholds, [])).toBe('"lgoin: p99<1s" names the step "lgoin", but this test is one request with no steps.')
    expect(unknownStepProblem([threshold('login: p99<1s')], ['login'])).toBeUndefined()
  })
})
