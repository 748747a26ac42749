import { describe, expect, it } from 'vitest'
import { comparisonText, failOnLines, suspectWarning } from '../../src/shared/compare/comparison-text'
import { evaluateFailOn, parseFailOn, type FailOnLimit } from '../../src/shared/compare/fail-on'
import { compareReports } from '../../src/shared/compare/run-comparison'
import { SAMPLE_LATENCY, sampleReport } from '../support/reports'

const base = sampleReport()
const slower = sampleReport({
  result: { latencyMs: { ...SAMPLE_LATENCY, p50: 12, p99: 40 }, requestsPerSecond: 480, statusCodes: { '200': 995, '503': 5 } }
})

function limit(text: string): FailOnLimit {
  const parsed = parseFailOn(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.limit
}

describe('comparisonText', () => {
  it('prints the delta table, aligned, with which way each metric went, and says the settings are the same', () => {
    expect(comparisonText(compareReports(base, slower))).toBe(
      [
        'Metric           Base      New       Change',
        'req/s             500      480  -20.0 req/s   -4.0%  worse',
        'p50           3.00 ms  12.0 ms     +9.00 ms   +300%  worse',
        'p90           6.00 ms  6.00 ms      0.00 ms    0.0%  unchanged',
        'p99           10.0 ms  40.0 ms     +30.0 ms   +300%  worse',
        'p99.9         15.0 ms  15.0 ms      0.00 ms    0.0%  unchanged',
        'max           20.0 ms  20.0 ms      0.00 ms    0.0%  unchanged',
        'mean          4.00 ms  4.00 ms      0.00 ms    0.0%  unchanged',
        'TTFB p50      2.00 ms  2.00 ms      0.00 ms    0.0%  unchanged',
        'TTFB p99      9.00 ms  9.00 ms      0.00 ms    0.0%  unchanged',
        'Error rate       1.0%    0.50%     -0.50 pp  -50.0%  better',
        '4xx–5xx rate     1.0%    0.50%     -0.50 pp  -50.0%  better',
        '',
        'Settings: the same in both runs.',
        ''
      ].join('\n')
    )
  })

  it('shows a missing figure as a dash, with no verdict', () => {
    const unanswered = sampleReport({ result: { statusCodes: {}, errorKinds: { refused: 1000 } } })
    expect(comparisonText(compareReports(base, unanswered))).toContain('p99           10.0 ms       —          —\n')
  })

  it('lists the settings that differ, and warns when the comparison is suspect', () => {
    const text = comparisonText(compareReports(base, sampleReport({ workers: 2, plan: { totalRequests: 2000 } })))
    expect(text).toContain(
      [
        'Settings that differ:',
        '  Workers   1      →  2      (suspect)',
        '  Requests  1,000  →  2,000',
        '',
        "Warning: this comparison is suspect: the runs differ in workers, so the deltas are not the new build's alone."
      ].join('\n')
    )
  })
})

describe('suspectWarning', () => {
  it('says nothing when nothing suspect differs', () => {
    expect(suspectWarning(compareReports(base, sampleReport({ plan: { timeoutMs: 1000 } })))).toBeUndefined()
  })

  it('names every reason: the settings, a run cut short, a generator that could not keep up', () => {
    const health = { verdict: 'generator-limited' as const, generatorLimitedMs: 1, targetSlowMs: 0, judgedMs: 1, peak: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 99, cpuPercent: 99 } }
    const next = sampleReport({ plan: { url: 'http://127.0.0.1:1/x', concurrency: 2 }, result: { outcome: 'cancelled', health } })
    expect(suspectWarning(compareReports(base, next))).toBe(
      "this comparison is suspect: the runs differ in URL and connections, the new run was cancelled and the load generator, not the target, limited the new run, so the deltas are not the new build's alone."
    )
  })
})

describe('failOnLines', () => {
  it('counts the limits exceeded and gives each its verdict and the change it judged', () => {
    const comparison = compareReports(base, slower)
    const checks = evaluateFailOn([limit('p99>+10%'), limit('p50>+20ms'), limit('error_rate>+0.1%'), limit('rps<-50')], comparison)
    expect(failOnLines(checks)).toEqual([
      'Limits: 1 of 4 exceeded',
      '  exceeded  p99>+10%          (+300%)',
      '  passed    p50>+20ms         (+9.00 ms)',
      '  passed    error_rate>+0.1%  (-0.50 pp)',
      '  passed    rps<-50           (-20.0 req/s)'
    ])
  })

  it('says why a limit had no change to judge', () => {
    const unanswered = sampleReport({ result: { statusCodes: {}, errorKinds: { refused: 1000 } } })
    const checks = evaluateFailOn([limit('p99>+10%'), limit('p99>+10ms')], compareReports(base, unanswered))
    expect(failOnLines(checks)).toEqual([
      'Limits: 2 of 2 exceeded',
      '  exceeded  p99>+10%   (— no relative change: a figure is missing, or the base is 0)',
      '  exceeded  p99>+10ms  (— a figure is missing from a run)'
    ])
  })

  it('prints nothing when no limit was given', () => {
    expect(failOnLines([])).toEqual([])
  })
})
