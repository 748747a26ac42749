import { describe, expect, it } from 'vitest'
import { jsonReport } from '../../src/cli/json-report'
import { progressText } from '../../src/cli/progress-line'
import { summaryText } from '../../src/cli/summary'
import type { RunResult } from '../../src/shared/run-snapshot'
import { planOf } from '../support/plans'

/** The pure output modules: a RunResult in, the JSON object, the summary and the progress line out. */
const plan = planOf({ url: 'http://127.0.0.1:8080/x', totalRequests: 1000, concurrency: 20 })

const result: RunResult = {
  runId: 1,
  total: 1000,
  done: 1000,
  statusCodes: { '503': 10, '200': 985 },
  errorKinds: { timeout: 3, refused: 2 },
  elapsedMs: 1234.5678,
  requestsPerSecond: 810.0123,
  latencyMs: { min: 0.1234, mean: 2.34567, p50: 2.1, p90: 3.2, p99: 8.75, p999: 12.5, max: 1500 },
  bytesRead: 123_456,
  outcome: 'finished',
  histogram: 'AAAA'
}

describe('jsonReport', () => {
  it('derives the request counts from status codes and error kinds', () => {
    expect(jsonReport({ plan, workers: 1 }, result)).toEqual({
      url: 'http://127.0.0.1:8080/x',
      method: 'GET',
      requests: { sent: 1000, completed: 995, failed: 5, aborted: 0 },
      responses: { ok: 985, clientOrServerError: 10 },
      errorRate: 0.015,
      statusCodes: { '200': 985, '503': 10 },
      errors: { timeout: 3, refused: 2 },
      latencyMs: { min: 0.123, mean: 2.346, p50: 2.1, p90: 3.2, p99: 8.75, p999: 12.5, max: 1500 },
      durationMs: 1234.6,
      rps: 810,
      bytesRead: 123_456,
      outcome: 'finished',
      cancelled: false,
      plan: {
        url: 'http://127.0.0.1:8080/x',
        method: 'GET',
        headers: [],
        totalRequests: 1000,
        concurrency: 20,
        pipelining: 1,
        protocol: 'http1',
        insecure: false,
        timeoutMs: 10_000,
        bodyBytes: 0,
        workers: 1
      }
    })
  })

  it('reports the plan it ran, stages included, and the body by its size only', () => {
    const shaped = planOf({
      url: 'https://127.0.0.1:8443/',
      method: 'POST',
      body: 'é'.repeat(10),
      headers: [['X-Test', 'a']],
      ratePerSecond: 100,
      concurrency: 8,
      stages: [
        { durationMs: 2000, target: 300 },
        { durationMs: 1000, target: 0 }
      ],
      protocol: 'h2',
      insecure: true
    })
    const report = jsonReport({ plan: shaped, workers: 3 }, result)

    expect(report.plan).toEqual({
      url: 'https://127.0.0.1:8443/',
      method: 'POST',
      headers: [['X-Test', 'a']],
      bodyBytes: 20,
      ratePerSecond: 100,
      concurrency: 8,
      pipelining: 1,
      stages: [
        { durationMs: 2000, target: 300 },
        { durationMs: 1000, target: 0 }
      ],
      protocol: 'h2',
      insecure: true,
      timeoutMs: 10_000,
      workers: 3
    })
    expect(JSON.stringify(report)).not.toContain('é')
  })

  it('says how a run that did not finish ended, and why', () => {
    const cancelled = jsonReport({ plan, workers: 1 }, { ...result, outcome: 'cancelled' })
    expect(cancelled).toMatchObject({ outcome: 'cancelled', cancelled: true })
    expect(cancelled.error).toMatch(/^Cancelled/)
    const crashed = jsonReport({ plan, workers: 1 }, { ...result, outcome: 'crashed', message: 'The engine process stopped unexpectedly (killed by SIGKILL).' })
    expect(crashed).toMatchObject({
      outcome: 'crashed',
      error: 'The engine process stopped unexpectedly (killed by SIGKILL).',
      cancelled: false
    })
  })

  it('says cancelled only for a cancelled run', () => {
    expect(jsonReport({ plan, workers: 1 }, { ...result, outcome: 'cancelled' }).cancelled).toBe(true)
    expect(jsonReport({ plan, workers: 1 }, { ...result, outcome: 'crashed', message: 'gone' }).cancelled).toBe(false)
  })
})

describe('summaryText', () => {
  it('shows no latency figures when no response arrived, rather than zeros', () => {
    const refused: RunResult = {
      ...result,
      statusCodes: {},
      errorKinds: { refused: 1000 },
      latencyMs: { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 }
    }
    const text = summaryText(jsonReport({ plan, workers: 1 }, refused), { plan, workers: 1 })

    expect(text).toMatch(/^Latency\s+none: no response arrived$/m)
    expect(text).not.toMatch(/p99/)
  })

  it('reads as the run went', () => {
    const text = summaryText(jsonReport({ plan, workers: 1 }, result), { plan, workers: 2 })

    expect(text).toContain('GET http://127.0.0.1:8080/x\n')
    expect(text).toContain('closed model · 20 connections · pipelining 1 · 2 workers · 1,000 requests')
    expect(text).toMatch(/^Requests\s+1,000 sent, 995 completed, 5 failed$/m)
    expect(text).toMatch(/^Responses\s+985 2xx–3xx, 10 4xx–5xx$/m)
    expect(text).toMatch(/^Error rate\s+1\.5%$/m)
    expect(text).toMatch(/^Status codes\s+200: 985, 503: 10$/m)
    expect(text).toMatch(/^Errors\s+refused: 2, timeout: 3$/m)
    expect(text).toMatch(/^ {2}p99\s+8\.75 ms$/m)
    expect(text).toMatch(/^ {2}p99\.9\s+12\.5 ms$/m)
    expect(text).toMatch(/^ {2}max\s+1\.50 s$/m)
    expect(text).toMatch(/^Duration\s+1\.23 s$/m)
    expect(text).toMatch(/^Requests\/s\s+810$/m)
    expect(text).toMatch(/^Bytes read\s+123\.5 kB$/m)
    expect(text).not.toContain('Cancelled')
  })

  it('names the open model and a cancelled run', () => {
    const open = planOf({ url: 'http://h/', durationMs: 5000, ratePerSecond: 200, concurrency: 4 })
    const text = summaryText(jsonReport({ plan: open, workers: 1 }, { ...result, outcome: 'cancelled' }), { plan: open, workers: 1 })

    expect(text).toContain('open model at 200 req/s · 4 connections · pipelining 1 · 1 worker · 5.00 s')
    expect(text).toContain('Cancelled: these are the results until then.')
  })

  it('tells a shaped run, its protocol and its streams', () => {
    const open = planOf({
      url: 'https://h/',
      ratePerSecond: 100,
      concurrency: 10,
      pipelining: 4,
      stages: [
        { durationMs: 2000, target: 300 },
        { durationMs: 2000, target: 300 }
      ],
      protocol: 'h2',
      insecure: true
    })
    expect(summaryText(jsonReport({ plan: open, workers: 1 }, result), { plan: open, workers: 1 })).toContain(
      'HTTP/2 · insecure TLS · open model, 2 stages over 4.00 s from 100 req/s (1,000 requests) · 10 connections · 4 streams per connection · 1 worker · 4.00 s'
    )
    const closed = planOf({ url: 'http://h/', concurrency: 2, totalRequests: 500, durationMs: 3000, stages: [{ durationMs: 5000, target: 40 }] })
    expect(summaryText(jsonReport({ plan: closed, workers: 2 }, result), { plan: closed, workers: 2 })).toContain(
      'closed model, 1 stage over 5.00 s from 2 connections · up to 40 connections · pipelining 1 · 2 workers · 500 requests or 3.00 s, whichever comes first'
    )
  })
})

describe('progressText', () => {
  it('shows the share of requests done for -n and of the time for -d', () => {
    const snapshot = { ...result, done: 250, errorKinds: { reset: 1 }, elapsedMs: 3000 }

    expect(progressText(snapshot, plan, 1234)).toBe(' 25.0%  250 done  1,234 req/s  10 4xx–5xx  1 failed  3.00 s')
    const timed = planOf({ url: 'http://h/', durationMs: 4000, concurrency: 1 })
    expect(progressText(snapshot, timed, 12.34)).toBe(' 75.0%  250 done  12.3 req/s  10 4xx–5xx  1 failed  3.00 s')
    const shaped = planOf({ url: 'http://h/', concurrency: 1, stages: [{ durationMs: 6000, target: 5 }] })
    expect(progressText(snapshot, shaped, 12.34)).toBe(' 50.0%  250 done  12.3 req/s  10 4xx–5xx  1 failed  3.00 s')
  })
})
