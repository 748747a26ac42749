import { buildRunReport, type RunReport } from '../../src/shared/report/run-report'
import type { RunPlanInput } from '../../src/shared/run-plan'
import type { RunInterval } from '../../src/shared/run-interval'
import type { LatencySummary, RunResult } from '../../src/shared/run-snapshot'
import { planOf } from './plans'

/**
 * Run reports for tests, made by the real builder (buildRunReport) from a plan and a result, so they
 * have exactly the shape the CLI prints and the app exports. Name only what the test is about.
 */

export const SAMPLE_LATENCY: LatencySummary = { min: 0.5, mean: 4, p50: 3, p90: 6, p99: 10, p999: 15, p9999: 18, max: 20 }

export const SAMPLE_INTERVAL: RunInterval = {
  tick: 1,
  startMs: 0,
  endMs: 100,
  responses: { ok: 95, clientOrServerError: 5 },
  failed: 0,
  aborted: 0,
  bytesRead: 200,
  sent: 100,
  latencyMs: { p50: 3, p90: 6, p99: 10, max: 20 },
  ttfbMs: { p50: 2, p90: 5, p99: 9, max: 19 },
  activeConnections: 10,
  health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 20, cpuPercent: 20 }
}

export interface SampleReportOptions {
  plan?: Partial<RunPlanInput>
  result?: Partial<RunResult>
  workers?: number
}

/** 1,000 requests (990 × 200, 10 × 503) at 500 req/s, with its series and latency bins: the exported file. */
export function sampleReport({ plan = {}, result = {}, workers = 1 }: SampleReportOptions = {}): RunReport {
  const runResult: RunResult = {
    runId: 1,
    total: 1000,
    done: 1000,
    statusCodes: { '200': 990, '503': 10 },
    errorKinds: {},
    elapsedMs: 2000,
    requestsPerSecond: 500,
    latencyMs: SAMPLE_LATENCY,
    ttfbMs: { ...SAMPLE_LATENCY, p50: 2, p99: 9 },
    bytesRead: 2000,
    intervals: [],
    outcome: 'finished',
    series: { bucketMs: 100, points: [SAMPLE_INTERVAL] },
    latencyBins: [{ fromMs: 1, toMs: 2, count: 1000 }],
    ...result
  }
  return buildRunReport({
    plan: planOf({ url: 'http://127.0.0.1:8080/api', totalRequests: 1000, concurrency: 10, ...plan }),
    result: runResult,
    workers,
    startedAt: '2026-11-29T05:00:00.000Z'
  })
}

