import { formatBytes, formatCount, formatDuration, formatErrorRate, formatLatency, formatRate } from '../format'
import type { LatencySummary } from '../run-snapshot'
import { checksText, iterationDurationText, iterationRateText, iterationsText, STEP_COLUMNS, stepCells, stepProblems } from './flow-text'
import { errorRows, errorsText, PERCENTILE_COLUMNS, settingsLine, statusCodesText, thresholdText } from './report-text'
import type { RunReport } from './run-report'

/** The summary as Markdown, to paste into a ticket: the verdicts, the totals and the percentile table. */
export function markdownSummary(report: RunReport): string {
  const { sent, completed, failed, aborted } = report.requests
  const lines = [
    `### Stampede: ${report.method} ${inlineCode(report.url)} (${report.outcome})`,
    '',
    settingsLine(report.settings) + (report.startedAt ? ` · started ${report.startedAt}` : ''),
    ''
  ]
  if (report.error) lines.push(`> ${report.error}`, '')
  lines.push(
    '| Requests | Responses | Error rate | Throughput | Duration |',
    '|---|---|---|---|---|',
    `| ${formatCount(sent)} sent, ${formatCount(completed)} completed, ${formatCount(failed)} failed` +
      `${aborted > 0 ? `, ${formatCount(aborted)} aborted` : ''} ` +
      `| ${formatCount(report.responses.ok)} 2xx–3xx, ${formatCount(report.responses.clientOrServerError)} 4xx–5xx ` +
      `| ${formatErrorRate(report.errorRate)} | ${formatRate(report.rps)} req/s | ${formatDuration(report.durationMs)} |`,
    ''
  )
  if (completed === 0) lines.push('Latency: none, no response arrived.', '')
  else {
    lines.push(
      `| | ${PERCENTILE_COLUMNS.map(([label]) => label).join(' | ')} | mean |`,
      `|---|${PERCENTILE_COLUMNS.map(() => '---:').join('|')}|---:|`,
      percentileRow('Latency', report.latencyMs),
      ...(report.rawLatencyMs ? [percentileRow('Latency from the send (raw)', report.rawLatencyMs)] : []),
      percentileRow('Time to first byte', report.ttfbMs),
      ''
    )
  }
  lines.push(...flowLines(report))
  if (report.thresholds.length > 0) {
    lines.push('**Thresholds**', '')
    for (const threshold of report.thresholds) {
      const { verdict, actual } = thresholdText(threshold)
      lines.push(`- ${verdict === 'passed' ? '✅' : '❌'} ${inlineCode(threshold.expression)}: ${verdict} (${actual})`)
    }
    lines.push('')
  }
  lines.push(`**Status codes**: ${statusCodesText(report.statusCodes)}  `, `**Errors**: ${errorsText(report.errors)}  `)
  const examples = errorRows(report).filter((row) => row.example !== undefined)
  if (examples.length > 0) {
    lines.push('', ...examples.map(({ kind, example }) => `- ${kind}, for example: ${inlineCode(example ?? '')}`), '')
  }
  lines.push(`**Bytes read**: ${formatBytes(report.bytesRead)}`)
  if (report.health) lines.push('', `**Generator**: ${report.health.summary}`)
  return `${lines.join('\n')}\n`
}

/** A flow's iterations and checks, a table row per step, and what went wrong in which step. */
function flowLines(report: RunReport): string[] {
  const lines: string[] = []
  if (report.iterations) {
    lines.push(
      `**Iterations**: ${iterationsText(report.iterations)}  `,
      `**Iteration duration**: ${iterationDurationText(report.iterations)}, ${iterationRateText(report.iterations)}  `
    )
  }
  if (report.checks) lines.push(`**Checks**: ${checksText(report.checks)}  `)
  if (lines.length > 0) lines.push('')
  if (report.steps && report.steps.length > 0) {
    lines.push(
      `| ${STEP_COLUMNS.join(' | ')} |`,
      `|---|${STEP_COLUMNS.slice(1).map(() => '---:').join('|')}|`,
      ...report.steps.map((step) => {
        const [name, ...figures] = stepCells(step)
        return `| ${inlineCode(name).replace(/\|/g, '\\|')} | ${figures.join(' | ')} |`
      }),
      ''
    )
    const problems = stepProblems(report.steps, inlineCode)
    if (problems.length > 0) lines.push(...problems.map(({ step, text }) => `- ${inlineCode(step)}: ${text}`), '')
  }
  return lines
}

function percentileRow(label: string, latency: LatencySummary): string {
  const cells = PERCENTILE_COLUMNS.map(([, key]) => formatLatency(latency[key]))
  return `| ${label} | ${cells.join(' | ')} | ${formatLatency(latency.mean)} |`
}

/**
 * Code that nothing in the text can end early: a fence of one backtick more than the longest run
 * inside, and a space on each side when the text starts or ends with one (CommonMark code spans).
 */
function inlineCode(text: string): string {
  const flat = text.replace(/\n/g, ' ')
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longestRun + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}
