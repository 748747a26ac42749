import { describe, expect, it } from 'vitest'
import { evaluateFailOn, failOnPassed, parseFailOn, type FailOnLimit } from '../../src/shared/compare/fail-on'
import { compareReports } from '../../src/shared/compare/run-comparison'
import { SAMPLE_LATENCY, sampleReport } from '../support/reports'

function limit(text: string): FailOnLimit {
  const parsed = parseFailOn(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.limit
}

describe('parseFailOn', () => {
  it.each([
    ['p99>+10%', { metric: 'p99', operator: '>', measure: 'relative', value: 0.1 }],
    ['p99 > 10%', { metric: 'p99', operator: '>', measure: 'relative', value: 0.1 }],
    ['P99.9>+20ms', { metric: 'p99.9', operator: '>', measure: 'absolute', value: 20 }],
    ['p50>+0.5s', { metric: 'p50', operator: '>', measure: 'absolute', value: 500 }],
    ['max>+800us', { metric: 'max', operator: '>', measure: 'absolute', value: 0.8 }],
    ['mean>+15', { metric: 'mean', operator: '>', measure: 'absolute', value: 15 }],
    ['ttfb_p99>+5%', { metric: 'ttfb_p99', operator: '>', measure: 'relative', value: 0.05 }],
    ['p99>-10%', { metric: 'p99', operator: '>', measure: 'relative', value: -0.1 }],
    ['rps<-5%', { metric: 'rps', operator: '<', measure: 'relative', value: -0.05 }],
    ['rps<-50', { metric: 'rps', operator: '<', measure: 'absolute', value: -50 }],
    ['rps < -50/s', { metric: 'rps', operator: '<', measure: 'absolute', value: -50 }],
    ['error_rate>+0.5%', { metric: 'error_rate', operator: '>', measure: 'absolute', value: 0.005 }],
    ['client_or_server_error_rate>+1pp', { metric: 'client_or_server_error_rate', operator: '>', measure: 'absolute', value: 0.01 }]
  ])('reads %s', (text, expected) => {
    expect(parseFailOn(text)).toEqual({ ok: true, limit: { expression: text.trim(), ...expected } })
  })

  it.each([
    ['', 'Write a limit, such as p99>+10%, p99>+20ms, rps<-5% or error_rate>+0.5%.'],
    ['p99 +10%', '"p99 +10%" compares nothing: write it with > or <, such as p99>+10%, p99>+20ms, rps<-5% or error_rate>+0.5%.'],
    ['>+10%', '">+10%" is not a limit: write METRIC>CHANGE, such as p99>+10%, p99>+20ms, rps<-5% or error_rate>+0.5%.'],
    ['p99>=+10%', '"p99>=+10%": use > or < (the limit is exceeded past the change given), such as p99>+10%, p99>+20ms, rps<-5% or error_rate>+0.5%.'],
    ['p99=10%', '"p99=10%": use > or < (the limit is exceeded past the change given), such as p99>+10%, p99>+20ms, rps<-5% or error_rate>+0.5%.'],
    [
      'p95>+10%',
      '"p95" is not a metric: use p50, p90, p99, p99.9, p99.99, max, mean, ttfb_p99 (any of those with ttfb_), error_rate, client_or_server_error_rate, rps or checks.'
    ],
    ['p99>+10 minutes', 'p99>+10 minutes: give a change as a percentage of the base (+10%) or a time (+20ms, +0.5s).'],
    ['p99>ten%', 'p99>ten%: give a change as a percentage of the base (+10%) or a time (+20ms, +0.5s).'],
    ['error_rate>+0.5', 'error_rate>+0.5: give a change in percentage points, such as +0.5% (an error rate of 1% becoming 1.5%).'],
    ['rps<-5ms', 'rps<-5ms: give a change as a percentage of the base (-5%) or in requests a second (-50).']
  ])('refuses %j with a message', (text, message) => {
    expect(parseFailOn(text)).toEqual({ ok: false, message })
  })
})

describe('evaluateFailOn', () => {
  const base = sampleReport()
  const slower = sampleReport({
    result: { latencyMs: { ...SAMPLE_LATENCY, p99: 12 }, requestsPerSecond: 450, statusCodes: { '200': 985, '503': 15 } }
  })
  const comparison = compareReports(base, slower)

  it.each([
    ['p99>+10%', false, 0.2],
    ['p99>+20%', true, 0.2],
    ['p99>+25%', true, 0.2],
    ['p99>+1ms', false, 2],
    ['p99>+2ms', true, 2],
    ['p99<-10%', true, 0.2],
    ['rps<-5%', false, -0.1],
    ['rps<-10%', true, -0.1],
    ['rps<-40', false, -50],
    ['error_rate>+0.4%', false, 0.005],
    ['error_rate>+0.5%', true, 0.005],
    ['mean>+0%', true, 0]
  ])('judges %s on a p99 20%% slower, 10%% fewer req/s and half a point more errors: passed %s', (text, passed, actual) => {
    const [check] = evaluateFailOn([limit(text)], comparison)
    expect(check).toMatchObject({ expression: text, passed, actual })
  })

  it('fails a limit whose figure is missing: it cannot be shown to be within it', () => {
    const unanswered = sampleReport({ result: { statusCodes: {}, errorKinds: { refused: 1000 } } })
    expect(evaluateFailOn([limit('p99>+1000%')], compareReports(base, unanswered))).toEqual([
      { expression: 'p99>+1000%', metric: 'p99', measure: 'relative', passed: false, actual: null }
    ])
  })

  it('fails a relative limit on a base of 0, but judges an absolute one', () => {
    const idle = sampleReport({ result: { requestsPerSecond: 0 } })
    const checks = evaluateFailOn([limit('rps<-5%'), limit('rps<-5')], compareReports(idle, base))
    expect(checks.map(({ passed, actual }) => ({ passed, actual }))).toEqual([
      { passed: false, actual: null },
      { passed: true, actual: 500 }
    ])
  })

  it('keeps the order given; all must pass', () => {
    const checks = evaluateFailOn([limit('p99>+25%'), limit('p99>+10%')], comparison)
    expect(checks.map((check) => check.expression)).toEqual(['p99>+25%', 'p99>+10%'])
    expect(failOnPassed(checks)).toBe(false)
    expect(failOnPassed(checks.slice(0, 1))).toBe(true)
    expect(failOnPassed([])).toBe(true)
  })
})
