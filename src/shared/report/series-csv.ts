import { judgeHealth } from '../generator-health'
import { intervalRate, type IntervalLatency, type RunInterval } from '../run-interval'
import type { StepReport } from './flow-report'
import type { RunReport } from './run-report'

/**
 * The report's series as CSV: a header row, then one row per point (an interval, or a bucket of
 * them for a long run; see src/control/bounded-series.ts). Times in seconds from the run's start,
 * latencies in ms (empty for an interval without a response). Open-model columns (due, raw_latency_*,
 * behind_schedule_ms) are empty in the closed model; target (the shape's, at the point's end:
 * connections in the closed model, requests a second in the open) is empty without a shape.
 * generator_limited and target_slow are 1 or 0 by src/shared/generator-health.ts.
 *
 * A flow's CSV has a second section after the series: an empty line, then a header row and one row
 * per step (STEP_COLUMNS). A one-request run's CSV is the series alone, as it always was.
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
  const series = [COLUMNS.join(','), ...rows.map((cells) => cells.join(','))].join('\n') + '\n'
  if (!report.steps) return series
  const steps = [STEP_COLUMNS.join(','), ...report.steps.map((step) => stepRow(step).map(csvCell).join(','))]
  return `${series}\n${steps.join('\n')}\n`
}

const STEP_COLUMNS = [
  'step',
  'sent',
  'completed',
  'ok',
  'client_or_server_error',
  'failed',
  'aborted',
  'error_rate',
  'rps',
  ...latencyColumns('latency'),
  ...latencyColumns('ttfb'),
  'checks_passed',
  'checks_failed',
  'captures_failed'
] as const

function stepRow(step: StepReport): Array<number | string> {
  // A step without a response has no latency: empty cells, as in the series.
  const answered = step.requests.completed > 0
  const latencyCells = ({ p50, p90, p99, max }: StepReport['latencyMs']): Array<number | string> =>
    answered ? [p50, p90, p99, max] : ['', '', '', '']
  return [
    step.name,
    step.requests.sent,
    step.requests.completed,
    step.responses.ok,
    step.responses.clientOrServerError,
    step.requests.failed,
    step.requests.aborted,
    step.errorRate,
    step.rps,
    ...latencyCells(step.latencyMs),
    ...latencyCells(step.ttfbMs),
    step.checks.reduce((sum, check) => sum + check.passed, 0),
    step.checks.reduce((sum, check) => sum + check.failed, 0),
    step.captures.failed
  ]
}

/** A cell as RFC 4180 quotes it; text a spreadsheet would run as a formula is written as text (below). */
export function csvCell(value: number | string): string {
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * Excel, LibreOffice and Google Sheets read a cell that starts with one of these as a formula: a
 * step named `=HYPERLINK(...)` or a URL `@SUM(...)` would run on opening. OWASP's CSV injection
 * guidance (and ASVS 1.2.10): a single quote before it makes the cell text, shown as written.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/

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
