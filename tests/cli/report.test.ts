import { describe, expect, it } from 'vitest'
import { ProgressLine, progressText } from '../../src/cli/progress-line'
import { summaryText } from '../../src/cli/summary'
import { buildRunReport } from '../../src/shared/report/run-report'
import type { RunPlan } from '../../src/shared/run-plan'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseThreshold, type Threshold } from '../../src/shared/thresholds'
import { flowResult, stepResult } from '../support/flow-results'
import { intervalOf } from '../support/intervals'
import { thresholdOf } from '../support/thresholds'
import { planOf } from '../support/plans'

/** The CLI's pure output modules: a report in, the summary out; a snapshot in, the progress line out. */
const plan = planOf({ url: 'http://127.0.0.1:8080/x', totalRequests: 1000, concurrency: 20 })

const result: RunResult = {
  runId: 1,
  total: 1000,
  done: 1000,
  statusCodes: { '503': 10, '200': 985 },
  errorKinds: { timeout: 3, refused: 2 },
  elapsedMs: 1234.5678,
  requestsPerSecond: 810.0123,
  latencyMs: { min: 0.1234, mean: 2.34567, p50: 2.1, p90: 3.2, p99: 8.75, p999: 12.5, p9999: 13.1, max: 1500 },
  ttfbMs: { min: 0.1, mean: 2, p50: 1.8, p90: 3, p99: 8, p999: 12, p9999: 13, max: 1400 },
  bytesRead: 123_456,
  intervals: [],
  outcome: 'finished',
  histogram: 'AAAA'
}

function summaryOf(runResult: RunResult, runPlan: RunPlan = plan, workers = 1, thresholds: Threshold[] = []): string {
  return summaryText(buildRunReport({ plan: runPlan, result: runResult, workers, thresholds }))
}

describe('summaryText', () => {
  it('shows no latency figures when no response arrived, rather than zeros', () => {
    const refused: RunResult = {
      ...result,
      statusCodes: {},
      errorKinds: { refused: 1000 },
      latencyMs: { min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, p9999: 0, max: 0 }
    }
    const text = summaryOf(refused)

    expect(text).toMatch(/^Latency\s+none: no response arrived$/m)
    expect(text).not.toMatch(/p99/)
  })

  it('gives one example message per error kind under the counts, on one line, with no terminal escape', () => {
    const text = summaryOf({
      ...result,
      errorExamples: { refused: 'connect ECONNREFUSED 127.0.0.1:8080', timeout: 'slow\n\u001b[31mred\u001b[0m <b>x</b>' }
    })
    expect(text).toMatch(/^Errors\s+refused: 2, timeout: 3\n {2}refused {5}connect ECONNREFUSED 127\.0\.0\.1:8080\n {2}timeout {5}slow \[31mred \[0m <b>x<\/b>\n/m)
    expect(text).not.toContain('\u001b')
    expect(summaryOf(result)).toMatch(/^Errors\s+refused: 2, timeout: 3\n\n/m)
  })

  it('reads as the run went', () => {
    const text = summaryOf(result, plan, 2)

    expect(text).toContain('GET http://127.0.0.1:8080/x\n')
    expect(text).toContain('closed model · 20 connections · pipelining 1 · 2 workers · 1,000 requests')
    expect(text).toMatch(/^Requests\s+1,000 sent, 995 completed, 5 failed$/m)
    expect(text).toMatch(/^Responses\s+985 2xx–3xx, 10 4xx–5xx$/m)
    expect(text).toMatch(/^Error rate\s+1\.5%$/m)
    expect(text).toMatch(/^Status codes\s+200: 985, 503: 10$/m)
    expect(text).toMatch(/^Errors\s+refused: 2, timeout: 3$/m)
    // Latency and time to first byte side by side.
    expect(text).toMatch(/^Latency\s+total\s+TTFB$/m)
    expect(text).toMatch(/^ {2}p99\s+8\.75 ms\s+8\.00 ms$/m)
    expect(text).toMatch(/^ {2}p99\.9\s+12\.5 ms\s+12\.0 ms$/m)
    expect(text).toMatch(/^ {2}p99\.99\s+13\.1 ms\s+13\.0 ms$/m)
    expect(text).toMatch(/^ {2}max\s+1\.50 s\s+1\.40 s$/m)
    expect(text).toMatch(/^Duration\s+1\.23 s$/m)
    expect(text).toMatch(/^Requests\/s\s+810$/m)
    expect(text).toMatch(/^Bytes read\s+123\.5 kB$/m)
    expect(text).not.toContain('Cancelled')
  })

  it('names the open model and a cancelled run', () => {
    const open = planOf({ url: 'http://h/', durationMs: 5000, ratePerSecond: 200, concurrency: 4 })
    const raw = { ...result.latencyMs, p99: 4.5 }
    const text = summaryOf({ ...result, rawLatencyMs: raw, outcome: 'cancelled' }, open)

    expect(text).toContain('open model at 200 req/s · 4 connections · pipelining 1 · 1 worker · 5.00 s')
    expect(text).toContain('Cancelled: these are the results until then.')
    // The open model shows latency from the due time and from the actual send side by side.
    expect(text).toMatch(/^Latency\s+from due\s+from send\s+TTFB$/m)
    expect(text).toMatch(/^ {2}p99\s+8\.75 ms\s+4\.50 ms\s+8\.00 ms$/m)
  })

  it('lists every threshold with its verdict and actual figure', () => {
    const thresholds = ['p99<5ms', 'error_rate<2%'].map((text) => {
      const parsed = parseThreshold(text)
      if (!parsed.ok) throw new Error(parsed.message)
      return parsed.threshold
    })
    const text = summaryOf(result, plan, 1, thresholds)

    expect(text).toMatch(/^Thresholds: 1 of 2 failed$/m)
    expect(text).toMatch(/^ {2}failed {2}p99<5ms {2}\(8\.75 ms\)$/m)
    expect(text).toMatch(/^ {2}passed {2}error_rate<2% {2}\(1\.5%\)$/m)
  })

  it('says in a sentence whether the generator kept up', () => {
    const health = {
      verdict: 'generator-limited' as const,
      generatorLimitedMs: 900,
      targetSlowMs: 0,
      judgedMs: 1000,
      peak: { eventLoopDelayP99Ms: 3, eventLoopBusyPercent: 99, cpuPercent: 100 }
    }
    expect(summaryOf({ ...result, health })).toMatch(/^Generator\s+Stampede, not the target, limited the run for 0\.90 s of 1\.00 s \(90%\)/m)
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
    expect(summaryOf(result, open)).toContain(
      'HTTP/2 · insecure TLS · open model, 2 stages over 4.00 s from 100 req/s (1,000 requests) · 10 connections · 4 streams per connection · 1 worker · 4.00 s'
    )
    const closed = planOf({ url: 'http://h/', concurrency: 2, totalRequests: 500, durationMs: 3000, stages: [{ durationMs: 5000, target: 40 }] })
    expect(summaryOf(result, closed, 2)).toContain(
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

describe('ProgressLine', () => {
  it('marks who holds the run back while it happens, until an interval says otherwise', () => {
    const written: string[] = []
    const stream = { columns: 200, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream
    const line = new ProgressLine(stream, plan)
    const snapshot = (health: Parameters<typeof intervalOf>[2]) => ({ ...result, done: 10, intervals: [intervalOf(1, [1000], health)] })

    line.update(snapshot({ health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 99, cpuPercent: 100 } }))
    expect(written.at(-1)).toMatch(/⚠ Stampede is the limit$/)
    line.update({ ...result, done: 20, intervals: [] })
    expect(written.at(-1)).toMatch(/⚠ Stampede is the limit$/)
    line.update(snapshot({ health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 5, cpuPercent: 5, behindScheduleMs: 900 } }))
    expect(written.at(-1)).toMatch(/⚠ target slow, sends behind schedule$/)
    line.update(snapshot({}))
    expect(written.at(-1)).toMatch(/\d s$/)
  })
})


describe("a flow's summary and progress line", () => {
  const flowPlan = planOf({ url: 'http://127.0.0.1:8080/login', totalRequests: 300, concurrency: 10 })

  it('shows the iterations, the checks, a row per step and what went wrong in which step', () => {
    const summary = summaryText(buildRunReport({ plan: flowPlan, result: flowResult(), workers: 1, thresholds: [thresholdOf('item: p99<250ms')] }))
    expect(summary).toContain('Iterations    100 started, 98 completed, 2 failed (a capture found nothing: 2)\n')
    expect(summary).toContain('  duration    p50 25.0 ms, p90 50.0 ms, p99 90.0 ms, max 100 ms\n')
    expect(summary).toContain('Checks        292 passed, 4 failed (98.6% passed)\n')
    expect(summary).toMatch(/\n {2}Step +Sent +2xx–3xx +4xx–5xx +Failed +p50 +p99 +max +req\/s +Checks\n/)
    expect(summary).toMatch(/\n {2}item +98 +95 +3 +0 +4\.00 ms +300 ms +400 ms +49\.0 +97\.9% passed\n/)
    expect(summary).toMatch(/\n {2}GET \{\{host\}\}\/checkout +98 +98 +0 +0 .* —\n/)
    expect(summary).toContain('  log in: 2 captures found nothing, for example: token: json $.token found nothing in {"error":"locked"}\n')
    expect(summary).toContain('  item: check body contains "price" failed 3 of 98\n')
    expect(summary).toContain('  failed  item: p99<250ms  (300 ms)\n')
  })

  it('keeps a step name or body the target shaped on one line, with no terminal escape', () => {
    const step = stepResult({ name: 'evil\u001b[2J\nstep', captures: { failed: 1, example: 'found\r\nnothing\u001b]0;x\u0007' } })
    const summary = summaryText(buildRunReport({ plan: flowPlan, result: flowResult([step]), workers: 1 }))
    expect(summary).not.toContain('\u001b')
    expect(summary).toContain('  evil [2J step: 1 captures found nothing, for example: found nothing ]0;x\n')
  })

  it("prints nothing of flows for a one-request run", () => {
    expect(summaryOf(result)).not.toMatch(/Iterations|Checks|Steps/)
  })

  it('shows the share of iterations ended for -i', () => {
    const iterationPlan = { ...flowPlan, totalRequests: undefined, iterations: 400 }
    // 98 completed and 2 failed of 400: a quarter, whatever the requests.
    expect(progressText(flowResult(), iterationPlan, 150).trimStart()).toMatch(/^25\.0% {2}/)
  })

  it('counts iterations and failed checks while the run goes, and names the slowest step', () => {
    const text = progressText(flowResult(), flowPlan, 150)
    expect(text).toContain('  98 iterations (2 failed)  4 checks failed  slowest item p99 300 ms  ')
    expect(progressText(result, plan, 800)).not.toMatch(/iterations|checks|slowest/)
  })
})
