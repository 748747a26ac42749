import { formatBytes, formatCount, formatDuration, formatErrorRate, formatLatency, formatRate } from '../shared/format'
import { checksText, iterationDurationText, iterationRateText, iterationsText, STEP_COLUMNS, stepCells, stepProblems } from '../shared/report/flow-text'
import { alignedRows, errorRows, errorsText, PERCENTILE_COLUMNS, settingsLine, statusCodesText, thresholdText } from '../shared/report/report-text'
import type { RunReport } from '../shared/report/run-report'
import type { LatencySummary } from '../shared/run-snapshot'

const LATENCY_ROWS: ReadonlyArray<[label: string, key: keyof LatencySummary]> = [
  ['min', 'min'],
  ['mean', 'mean'],
  ...PERCENTILE_COLUMNS
]
const COLUMN_WIDTH = 12

/** The readable end of a run, built from the same report --json prints so the two never disagree. */
export function summaryText(report: RunReport): string {
  const lines = [`${report.method} ${report.url}`, `  ${settingsLine(report.settings)}`, '']
  if (report.cancelled) lines.push('Cancelled: these are the results until then.', '')
  const { sent, completed, failed, aborted } = report.requests
  const { ok, clientOrServerError } = report.responses
  const abortedPart = aborted > 0 ? `, ${formatCount(aborted)} aborted` : ''
  lines.push(
    row('Requests', `${formatCount(sent)} sent, ${formatCount(completed)} completed, ${formatCount(failed)} failed${abortedPart}`),
    row('Responses', `${formatCount(ok)} 2xx–3xx, ${formatCount(clientOrServerError)} 4xx–5xx`),
    row('Error rate', formatErrorRate(report.errorRate)),
    row('Status codes', statusCodesText(report.statusCodes)),
    row('Errors', errorsText(report.errors)),
    ...errorRows(report).flatMap(({ kind, example }) => (example === undefined ? [] : [`  ${kind.padEnd(12)}${example}`])),
    ''
  )
  // Zeros would read as a very fast server: with no response there is no latency to show.
  if (completed === 0) lines.push(row('Latency', 'none: no response arrived'))
  else lines.push(...latencyTable(report))
  lines.push(
    '',
    row('Duration', formatDuration(report.durationMs)),
    row('Requests/s', formatRate(report.rps)),
    row('Bytes read', formatBytes(report.bytesRead))
  )
  if (report.health) lines.push(row('Generator', report.health.summary))
  lines.push(...flowLines(report))
  if (report.thresholds.length > 0) {
    const failedCount = report.thresholds.filter((threshold) => !threshold.passed).length
    lines.push('', `Thresholds: ${failedCount === 0 ? 'all passed' : `${failedCount} of ${report.thresholds.length} failed`}`)
    for (const threshold of report.thresholds) {
      const { verdict, actual } = thresholdText(threshold)
      lines.push(`  ${verdict.padEnd(8)}${threshold.expression}  (${actual})`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** A flow's iterations, checks and steps; nothing for a one-request run. */
function flowLines(report: RunReport): string[] {
  const lines: string[] = []
  if (report.iterations) {
    lines.push(
      '',
      row('Iterations', iterationsText(report.iterations)),
      row('  duration', iterationDurationText(report.iterations)),
      row('  rate', iterationRateText(report.iterations))
    )
  }
  if (report.checks) lines.push(row('Checks', checksText(report.checks)))
  if (report.steps && report.steps.length > 0) {
    const rows = [[...STEP_COLUMNS], ...report.steps.map(stepCells)].map(([first, ...rest]) => [`  ${first}`, ...rest])
    lines.push('', 'Steps', ...alignedRows(rows, ['left', ...STEP_COLUMNS.slice(1).map(() => 'right' as const)]))
    const problems = stepProblems(report.steps)
    if (problems.length > 0) lines.push('', ...problems.map(({ step, text }) => `  ${step}: ${text}`))
  }
  return lines
}

/**
 * Latency (from the due time in the open model), the open model's raw latency from the send beside
 * it, and time to first byte, one column each.
 */
function latencyTable(report: RunReport): string[] {
  const columns: Array<[heading: string, latency: LatencySummary]> = report.rawLatencyMs
    ? [
        ['from due', report.latencyMs],
        ['from send', report.rawLatencyMs],
        ['TTFB', report.ttfbMs]
      ]
    : [
        ['total', report.latencyMs],
        ['TTFB', report.ttfbMs]
      ]
  const heading = `Latency${columns.map(([name]) => name.padStart(COLUMN_WIDTH)).join('')}`
  return [
    heading,
    ...LATENCY_ROWS.map(
      ([label, key]) => `  ${label.padEnd(5)}${columns.map(([, latency]) => formatLatency(latency[key]).padStart(COLUMN_WIDTH)).join('')}`
    )
  ]
}

function row(label: string, value: string): string {
  return `${label.padEnd(14)}${value}`
}
