import { judgeHealth } from '../generator-health'
import { intervalRate, type IntervalLatency, type RunInterval } from '../run-interval'
import type { RunReport } from './run-report'

/**
 * The report's series as CSV: a header row, then one row per point (an interval, or a bucket of
 * them for a long run; see src/control/bounded-series.ts). Times in seconds from the run's start,
 * latencies in ms (empty for an interval without a response). Open-model columns (due, raw_latency_*,
 * behind_schedule_ms) are empty in the closed model; target (the shape's, at the point's end:
 * connections in the closed model, requests a second in the open) is empty without a shape.
 * generator_limited and target_slow are 1 or 0 by src/shared/generator-health.ts.
 */
const COLUMNS = [
  'start_s',
  'end_s',
  'sent',
  'due',
  'ok',
  'client_or_server_error',
  'failed',
  'aborted',
  'rps',
  'bytes_read',
  ...latencyColumns('latency'),
  ...latencyColumns('ttfb'),
  ...latencyColumns('raw_latency'),
  'active_connections',
  'target',
  'event_loop_delay_p99_ms',
  'event_loop_busy_percent',
  'cpu_percent',
  'behind_schedule_ms',
  'generator_limited',
  'target_slow'
] as const

function latencyColumns<P extends string>(prefix: P) {
  return [`${prefix}_p50_ms`, `${prefix}_p90_ms`, `${prefix}_p99_ms`, `${prefix}_max_ms`] as const
}

export function seriesCsv(report: RunReport): string {
  const rows = (report.series?.points ?? []).map(row)
  return [COLUMNS.join(','), ...rows.map((cells) => cells.join(','))].join('\n') + '\n'
}

function row(point: RunInterval): Array<number | string> {
  const verdict = judgeHealth(point.health)
  // An interval without a response has no latency: empty cells, not zeros that read as fast.
  const answered = point.responses.ok + point.responses.clientOrServerError > 0
  const latencyCells = (latency: IntervalLatency | undefined): Array<number | string> =>
    latency && answered ? [latency.p50, latency.p90, latency.p99, latency.max] : ['', '', '', '']
  return [
    seconds(point.startMs),
    seconds(point.endMs),
    point.sent,
    point.due ?? '',
    point.responses.ok,
    point.responses.clientOrServerError,
    point.failed,
    point.aborted,
    Math.round(intervalRate(point) * 10) / 10,
    point.bytesRead,
    ...latencyCells(point.latencyMs),
    ...latencyCells(point.ttfbMs),
    ...latencyCells(point.rawLatencyMs),
    point.activeConnections,
    point.target ?? '',
    point.health.eventLoopDelayP99Ms,
    point.health.eventLoopBusyPercent,
    point.health.cpuPercent,
    point.health.behindScheduleMs ?? '',
    verdict.generatorLimited ? 1 : 0,
    verdict.targetSlow ? 1 : 0
  ]
}

function seconds(ms: number): number {
  return Math.round(ms) / 1000
}
