import { describe, expect, it } from 'vitest'
import { COMPARED_METRICS, compareReports, type MetricDelta } from '../../src/shared/compare/run-comparison'
import type { RunReport } from '../../src/shared/report/run-report'
import { THRESHOLD_METRICS, type ThresholdMetric } from '../../src/shared/thresholds'
import { SAMPLE_LATENCY, sampleReport } from '../support/reports'

function delta(base: RunReport, next: RunReport, metric: ThresholdMetric): MetricDelta {
  const found = compareReports(base, next).metrics.find((candidate) => candidate.metric === metric)
  if (!found) throw new Error(`No delta for ${metric}`)
  return found
}

const base = sampleReport()

describe('compareReports: metrics', () => {
  it('compares every metric a threshold can name but the checks of a flow, throughput first and rates last', () => {
    const metrics = compareReports(base, base).metrics.map((entry) => entry.metric)
    expect([...metrics].sort()).toEqual(THRESHOLD_METRICS.filter((metric) => metric !== 'checks').sort())
    expect(metrics).toEqual(COMPARED_METRICS.filter((metric) => metric !== 'checks'))
    expect(metrics[0]).toBe('rps')
    expect(metrics.slice(-2)).toEqual(['error_rate', 'client_or_server_error_rate'])
  })

  it('reads a slower p99 as worse, with its change in ms and relative to the base', () => {
    const slower = sampleReport({ result: { latencyMs: { ...SAMPLE_LATENCY, p99: 40 } } })
    expect(delta(base, slower, 'p99')).toEqual({
      metric: 'p99',
      label: 'p99',
      base: 10,
      next: 40,
      change: 30,
      relativeChange: 3,
      verdict: 'worse'
    })
    expect(delta(slower, base, 'p99')).toMatchObject({ change: -30, relativeChange: -0.75, verdict: 'better' })
  })

  it('reads more req/s as better and fewer as worse', () => {
    const faster = sampleReport({ result: { requestsPerSecond: 600 } })
    expect(delta(base, faster, 'rps')).toMatchObject({ label: 'req/s', base: 500, next: 600, change: 100, relativeChange: 0.2, verdict: 'better' })
    expect(delta(faster, base, 'rps')).toMatchObject({ verdict: 'worse' })
  })

  it('reads a higher error rate as worse, its change a difference of fractions', () => {
    const failing = sampleReport({ result: { statusCodes: { '200': 980, '503': 20 } } })
    expect(delta(base, failing, 'error_rate')).toMatchObject({ label: 'Error rate', base: 0.01, next: 0.02, change: 0.01, relativeChange: 1, verdict: 'worse' })
    expect(delta(base, failing, 'client_or_server_error_rate')).toMatchObject({ label: '4xx–5xx rate', verdict: 'worse' })
  })

  it('keeps time to first byte apart from latency to the last byte', () => {
    const slowFirstByte = sampleReport({ result: { ttfbMs: { ...SAMPLE_LATENCY, p99: 30 } } })
    expect(delta(base, slowFirstByte, 'ttfb_p99')).toMatchObject({ label: 'TTFB p99', base: 9, next: 30, verdict: 'worse' })
    expect(delta(base, slowFirstByte, 'p99')).toMatchObject({ verdict: 'unchanged', change: 0 })
  })

  it('rounds a change as the report rounds its figures, not to binary noise', () => {
    const next = sampleReport({ result: { latencyMs: { ...SAMPLE_LATENCY, p50: 3.3 } } })
    expect(delta(base, next, 'p50').change).toBe(0.3)
  })

  it.each([
    ['the same figure', 10, 10],
    ['less than 1% apart, though shown differently', 100, 100.9],
    ['shown the same, though more than 1% apart', 0.101, 0.104]
  ])('calls %s unchanged', (_label, before, after) => {
    const next = sampleReport({ result: { latencyMs: { ...SAMPLE_LATENCY, p99: after } } })
    const from = sampleReport({ result: { latencyMs: { ...SAMPLE_LATENCY, p99: before } } })
    expect(delta(from, next, 'p99').verdict).toBe('unchanged')
  })

  it('calls a change of 1% of the base and shown differently a change', () => {
    const from = sampleReport({ result: { latencyMs: { ...SAMPLE_LATENCY, p99: 100 } } })
    const next = sampleReport({ result: { latencyMs: { ...SAMPLE_LATENCY, p99: 101 } } })
    expect(delta(from, next, 'p99')).toMatchObject({ relativeChange: 0.01, verdict: 'worse' })
  })

  it('gives no relative change from a base of 0, but still says which way', () => {
    const clean = sampleReport({ result: { statusCodes: { '200': 1000 } } })
    expect(delta(clean, base, 'error_rate')).toMatchObject({ base: 0, next: 0.01, change: 0.01, relativeChange: null, verdict: 'worse' })
    expect(delta(clean, clean, 'error_rate')).toMatchObject({ change: 0, relativeChange: null, verdict: 'unchanged' })
  })

  it('has no latency for a run where no response arrived, and no verdict on it', () => {
    const unanswered = sampleReport({ result: { statusCodes: {}, errorKinds: { refused: 1000 } } })
    expect(delta(base, unanswered, 'p99')).toEqual({
      metric: 'p99',
      label: 'p99',
      base: 10,
      next: null,
      change: null,
      relativeChange: null,
      verdict: 'unknown'
    })
    // Its error rate is a figure all the same: every request failed.
    expect(delta(base, unanswered, 'error_rate')).toMatchObject({ next: 1, verdict: 'worse' })
  })

  it('has no rate for a run whose every request was cancelled', () => {
    const cancelled = sampleReport({ result: { statusCodes: {}, errorKinds: { cancelled: 10 }, outcome: 'cancelled' } })
    expect(delta(base, cancelled, 'error_rate')).toMatchObject({ next: null, verdict: 'unknown' })
  })
})

describe('compareReports: settings', () => {
  it('lists no setting, and is not suspect, for two runs of the same plan', () => {
    expect(compareReports(base, sampleReport())).toMatchObject({ settings: [], suspect: false })
  })

  it.each([
    ['URL', { plan: { url: 'http://127.0.0.1:9090/api' } }, 'http://127.0.0.1:8080/api', 'http://127.0.0.1:9090/api'],
    ['Method', { plan: { method: 'POST' } }, 'GET', 'POST'],
    ['Connections', { plan: { concurrency: 50 } }, '10', '50'],
    ['Pipelining', { plan: { pipelining: 4 } }, '1', '4'],
    ['Workers', { workers: 4 }, '1', '4'],
    ['Protocol', { plan: { protocol: 'h2c' as const } }, 'HTTP/1.1', 'h2c'],
    ['Shape', { plan: { stages: [{ durationMs: 1000, target: 20 }] } }, 'none', '1.00 s to 20']
  ])('calls a different %s suspect', (setting, options, before, after) => {
    expect(compareReports(base, sampleReport(options))).toEqual(
      expect.objectContaining({ settings: [{ setting, base: before, next: after, suspect: true }], suspect: true })
    )
  })

  it('calls the open model at another rate suspect, naming both the model and the rate', () => {
    const open = sampleReport({ plan: { ratePerSecond: 200 } })
    expect(compareReports(base, open)).toMatchObject({
      settings: [
        { setting: 'Model', base: 'closed model', next: 'open model', suspect: true },
        { setting: 'Rate', base: 'none', next: '200 req/s', suspect: true }
      ],
      suspect: true
    })
  })

  it.each([
    ['Requests', { plan: { totalRequests: 5000 } }, '1,000', '5,000'],
    ['Timeout', { plan: { timeoutMs: 5000 } }, '10.0 s', '5.00 s'],
    ['Header names', { plan: { headers: [['X-Build', '42']] as Array<[string, string]> } }, 'none', 'X-Build'],
    ['Body', { plan: { method: 'POST', body: 'x'.repeat(2000) } }, 'none', '2.0 kB'],
    ['Insecure TLS', { plan: { url: 'https://127.0.0.1:8080/api', insecure: true } }, 'no', 'yes']
  ])('lists a different %s without calling the comparison suspect for it', (setting, options, before, after) => {
    const { settings } = compareReports(base, sampleReport(options))
    expect(settings).toContainEqual({ setting, base: before, next: after, suspect: false })
  })

  it('lists the outcome of a run that did not finish, and calls the comparison suspect', () => {
    const crashed = sampleReport({ result: { outcome: 'crashed', message: 'The engine process stopped.' } })
    expect(compareReports(base, crashed)).toMatchObject({
      settings: [{ setting: 'Outcome', base: 'finished', next: 'crashed', suspect: true }],
      suspect: true
    })
    expect(compareReports(crashed, crashed).settings).toEqual([{ setting: 'Outcome', base: 'crashed', next: 'crashed', suspect: true }])
  })

  it('calls a run the generator limited suspect', () => {
    const health = { generatorLimitedMs: 2000, targetSlowMs: 0, judgedMs: 2000, peak: { eventLoopDelayP99Ms: 80, eventLoopBusyPercent: 99, cpuPercent: 99 } }
    const limited = sampleReport({ result: { health: { verdict: 'generator-limited', ...health } } })
    const ok = sampleReport({ result: { health: { verdict: 'ok', ...health } } })
    expect(compareReports(ok, limited)).toMatchObject({
      settings: [{ setting: 'Generator', base: 'ok', next: 'generator-limited', suspect: true }],
      suspect: true
    })
  })
})
