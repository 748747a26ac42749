import { describe, expect, it } from 'vitest'
import { buildRunReport, jsonOutput, reportJson, thresholdsPassed } from '../../src/shared/report/run-report'
import type { RunInterval } from '../../src/shared/run-interval'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseThreshold, type Threshold } from '../../src/shared/thresholds'
import { planOf } from '../support/plans'

/** The one report: a RunResult and its plan in, the object --json prints and every export renders out. */
const plan = planOf({ url: 'http://127.0.0.1:8080/x', totalRequests: 1000, concurrency: 20 })

const latency = { min: 0.1234, mean: 2.34567, p50: 2.1, p90: 3.2, p99: 8.75, p999: 12.5, p9999: 14.0004, max: 1500 }
const result: RunResult = {
  runId: 1,
  total: 1000,
  done: 1000,
  statusCodes: { '503': 10, '200': 985 },
  errorKinds: { timeout: 3, refused: 2 },
  elapsedMs: 1234.5678,
  requestsPerSecond: 810.0123,
  latencyMs: latency,
  ttfbMs: { ...latency, p50: 1.9 },
  bytesRead: 123_456,
  intervals: [],
  outcome: 'finished',
  histogram: 'AAAA'
}

function threshold(text: string): Threshold {
  const parsed = parseThreshold(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.threshold
}

const interval: RunInterval = {
  tick: 1,
  startMs: 0.04,
  endMs: 100.06,
  responses: { ok: 90, clientOrServerError: 1 },
  failed: 0,
  aborted: 0,
  bytesRead: 180,
  sent: 95,
  latencyMs: { p50: 2, p90: 3, p99: 8, max: 9 },
  ttfbMs: { p50: 1, p90: 2, p99: 7, max: 8 },
  activeConnections: 20,
  health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 40, cpuPercent: 38 }
}

describe('buildRunReport', () => {
  it('keeps every field --json has always printed, with the same rounding', () => {
    expect(buildRunReport({ plan, result, workers: 1 })).toMatchObject({
      url: 'http://127.0.0.1:8080/x',
      method: 'GET',
      requests: { sent: 1000, completed: 995, failed: 5, aborted: 0 },
      responses: { ok: 985, clientOrServerError: 10 },
      errorRate: 0.015,
      statusCodes: { '200': 985, '503': 10 },
      errors: { timeout: 3, refused: 2 },
      latencyMs: { min: 0.123, mean: 2.346, p50: 2.1, p90: 3.2, p99: 8.75, p999: 12.5, p9999: 14, max: 1500 },
      durationMs: 1234.6,
      rps: 810,
      bytesRead: 123_456,
      outcome: 'finished',
      cancelled: false
    })
  })

  it('carries one example message per error kind that occurred, as the engine gave it, and none without errors', () => {
    const examples = { timeout: 'Request timed out after 10000 ms', refused: 'connect ECONNREFUSED 127.0.0.1:8080', reset: 'never counted' }
    const report = buildRunReport({ plan, result: { ...result, errorExamples: examples }, workers: 1 })
    expect(report.errorExamples).toEqual({ timeout: examples.timeout, refused: examples.refused })
    expect(JSON.parse(reportJson(report)).errorExamples).toEqual(report.errorExamples)
    expect(jsonOutput(report).errorExamples).toEqual(report.errorExamples)

    const clean = buildRunReport({ plan, result: { ...result, errorKinds: {}, errorExamples: undefined }, workers: 1 })
    expect('errorExamples' in clean).toBe(false)
  })

  it('adds the 4xx–5xx rate, time to first byte, the thresholds and the settings', () => {
    const report = buildRunReport({
      plan: planOf({ url: 'http://h/', method: 'POST', headers: [['Authorization', 'secret']], body: 'héllo', durationMs: 5000, ratePerSecond: 200, concurrency: 4 }),
      result,
      workers: 2,
      thresholds: [threshold('p99<10ms'), threshold('error_rate<1%'), threshold('ttfb_p50 <= 1.9ms')],
      startedAt: '2026-11-29T10:00:00.000Z'
    })

    expect(report.clientOrServerErrorRate).toBe(0.01)
    expect(report.ttfbMs.p50).toBe(1.9)
    expect(report.startedAt).toBe('2026-11-29T10:00:00.000Z')
    expect(report.thresholds).toEqual([
      { expression: 'p99<10ms', metric: 'p99', passed: true, actual: 8.75 },
      { expression: 'error_rate<1%', metric: 'error_rate', passed: false, actual: 0.015 },
      { expression: 'ttfb_p50 <= 1.9ms', metric: 'ttfb_p50', passed: true, actual: 1.9 }
    ])
    // Header values and the body may hold credentials: a report handed on names the headers only.
    expect(report.settings).toEqual({
      model: 'open',
      ratePerSecond: 200,
      connections: 4,
      pipelining: 1,
      workers: 2,
      durationMs: 5000,
      timeoutMs: 10_000,
      headerNames: ['Authorization'],
      bodyBytes: 6,
      protocol: 'http1',
      insecure: false
    })
    expect(JSON.stringify(report)).not.toContain('secret')
    expect(thresholdsPassed(report)).toBe(false)
  })

  it('gives the settings of a shaped run, its stages, protocol and insecure TLS', () => {
    const stages = [
      { durationMs: 2000, target: 300 },
      { durationMs: 0, target: 50 },
      { durationMs: 1000, target: 0 }
    ]
    const shaped = planOf({ url: 'https://h/', ratePerSecond: 100, concurrency: 8, pipelining: 4, stages, protocol: 'h2', insecure: true })
    const report = buildRunReport({ plan: shaped, result, workers: 3 })

    expect(report.settings).toEqual({
      model: 'open',
      ratePerSecond: 100,
      connections: 8,
      pipelining: 4,
      workers: 3,
      timeoutMs: 10_000,
      headerNames: [],
      bodyBytes: 0,
      protocol: 'h2',
      insecure: true,
      stages
    })
    // --json prints them too: the plan it ran, stages included.
    expect(jsonOutput(report).settings.stages).toEqual(stages)
  })

  it('passes when no threshold was given', () => {
    expect(thresholdsPassed(buildRunReport({ plan, result, workers: 1 }))).toBe(true)
  })

  it('says how a run that did not finish ended, and why', () => {
    const cancelled = buildRunReport({ plan, result: { ...result, outcome: 'cancelled' }, workers: 1 })
    expect(cancelled).toMatchObject({ outcome: 'cancelled', cancelled: true })
    expect(cancelled.error).toMatch(/^Cancelled/)
    const message = 'The engine process stopped unexpectedly (killed by SIGKILL).'
    const crashed = buildRunReport({ plan, result: { ...result, outcome: 'crashed', message }, workers: 1 })
    expect(crashed).toMatchObject({ outcome: 'crashed', error: message, cancelled: false })
  })

  it('carries the series, the bins and the generator health the controller added, and --json leaves out the first two', () => {
    const health = {
      verdict: 'ok' as const,
      generatorLimitedMs: 0,
      targetSlowMs: 0,
      judgedMs: 100,
      peak: interval.health
    }
    const report = buildRunReport({
      plan,
      result: {
        ...result,
        series: { bucketMs: 100, points: [interval] },
        latencyBins: [{ fromMs: 1, toMs: 1.259, count: 91 }],
        health
      },
      workers: 1
    })

    expect(report.series).toEqual({ bucketMs: 100, points: [{ ...interval, startMs: 0, endMs: 100.1 }] })
    expect(report.latencyBins).toHaveLength(1)
    expect(report.health).toMatchObject({ ...health, summary: expect.stringMatching(/^Stampede kept up/) })

    const printed = jsonOutput(report)
    expect(printed).not.toHaveProperty('series')
    expect(printed).not.toHaveProperty('latencyBins')
    expect(printed.health).toEqual(report.health)
    expect(JSON.parse(reportJson(report))).toEqual(report)
  })
})
