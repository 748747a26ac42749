import { loadSqlite, SQLITE_MISSING } from '../../src/control/history/sqlite'
import type { NewRun } from '../../src/control/history/history-store'
import { createLatencyHistogram, encodeHistogram } from '../../src/engine/latency-histogram'
import { buildRunReport } from '../../src/shared/report/run-report'
import type { RunInterval } from '../../src/shared/run-interval'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseThresholdList } from '../../src/shared/thresholds'
import { result } from './factories'
import { planOf } from './plans'

/** Why the run history's tests cannot run on this Node (no node:sqlite before 22.13), or undefined. */
export const sqliteMissing: string | undefined = loadSqlite() ? undefined : SQLITE_MISSING
if (sqliteMissing) console.log(`Run history tests skipped: ${sqliteMissing}`)

/** A real encoded HdrHistogram of these latencies (ms), as the engine sends it. */
export function encodedHistogram(latenciesMs: number[]): string {
  const histogram = createLatencyHistogram()
  for (const ms of latenciesMs) histogram.recordValue(Math.round(ms * 1000))
  return encodeHistogram(histogram)
}

/** One interval of a series, with figures that do not round-trip through a lazy encoder (0.1 + 0.2, 1e-7). */
const INTERVAL: RunInterval = {
  tick: 1,
  startMs: 0,
  endMs: 100.1,
  responses: { ok: 9, clientOrServerError: 1 },
  failed: 0,
  aborted: 0,
  bytesRead: 18,
  sent: 10,
  latencyMs: { p50: 0.1 + 0.2, p90: 1e-7, p99: 12.345, max: 40 },
  ttfbMs: { p50: 0.2, p90: 0.3, p99: 1, max: 2 },
  activeConnections: 2,
  health: { eventLoopDelayP99Ms: 1.5, eventLoopBusyPercent: 12.5, cpuPercent: 33.3 }
}

/** `count` intervals of 100 ms, their figures varying as a real run's do. */
function seriesOf(count: number): RunInterval[] {
  return Array.from({ length: count }, (_, index) => ({
    ...INTERVAL,
    tick: index + 1,
    startMs: index * 100,
    endMs: index * 100 + 100.1,
    sent: 10 + (index % 7),
    latencyMs: { ...INTERVAL.latencyMs, p99: 12.345 + ((index * 37) % 101) / 10 }
  }))
}

/**
 * A finished run of `url` as the app stores it: a report built by the one builder (series, latency
 * bins and a threshold that failed), the plan, and three real histograms.
 */
export function appRun(
  options: { testId?: number | null; url?: string; startedAt?: string; p99?: number; points?: number } = {}
): NewRun {
  const plan = planOf({ url: options.url ?? 'http://127.0.0.1:9/é?q=ü', totalRequests: 10, concurrency: 2, headers: [['X-Token', 'secret']] })
  const thresholds = parseThresholdList(['p99<5ms', 'error_rate<50%'])
  if (!thresholds.ok) throw new Error(thresholds.message)
  const histograms = {
    histogram: encodedHistogram([1, 2, 3, 40]),
    ttfbHistogram: encodedHistogram([0.5, 1, 2]),
    rawLatencyHistogram: encodedHistogram([1, 2, 3, 4, 500])
  }
  const ran: RunResult = {
    ...result({
      runId: 1,
      total: 10,
      statusCodes: { '200': 9, '503': 1 },
      elapsedMs: 1000.04,
      requestsPerSecond: 9.99,
      latencyMs: { min: 1, mean: 2.5, p50: 2, p90: 3, p99: options.p99 ?? 12.345, p999: 40, p9999: 40, max: 40 }
    }),
    ...histograms,
    series: { bucketMs: 100, points: seriesOf(options.points ?? 1) },
    latencyBins: [{ fromMs: 1, toMs: 2, count: 9 }, { fromMs: 39, toMs: 41, count: 1 }]
  }
  const startedAt = options.startedAt ?? '2026-11-29T05:00:00.000Z'
  return {
    testId: options.testId ?? null,
    startedAt,
    source: 'app',
    report: buildRunReport({ plan, result: ran, workers: 2, thresholds: thresholds.thresholds, startedAt }),
    plan,
    thresholds: thresholds.thresholds.map((threshold) => threshold.expression),
    histograms
  }
}
