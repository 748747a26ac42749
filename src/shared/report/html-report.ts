import { judgeHealth } from '../generator-health'
import { formatBytes, formatCount, formatDuration, formatErrorRate, formatLatency, formatRate } from '../format'
import type { RunInterval } from '../run-interval'
import type { LatencySummary } from '../run-snapshot'
import { checksText, iterationDurationText, iterationRateText, iterationsText, STEP_COLUMNS, stepCells, stepProblems } from './flow-text'
import { errorRows, errorsText, PERCENTILE_COLUMNS, PROTOCOL_NAMES, settingsLine, statusCodesText, thresholdText } from './report-text'
import type { RunReport } from './run-report'
import { REPORT_STYLE } from './report-style'
import { barChart, escapeHtml, lineChart, type ChartLine } from './svg-charts'

/**
 * The report as one self-contained HTML file: inline CSS and inline SVG charts, no script and no
 * reference to anything outside the file, so it opens offline in any browser, attached to a ticket
 * or an e-mail. Its Content-Security-Policy forbids every fetch, so nothing can slip in later either.
 */
export function htmlReport(report: RunReport): string {
  const title = `Stampede report: ${report.method} ${report.url}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
${header(report)}
${tiles(report)}
${thresholdSection(report)}
${healthSection(report)}
${percentileSection(report)}
${flowSection(report)}
${chartSection(report)}
${countsSection(report)}
${settingsSection(report)}
<footer>Made with Stampede. This file is self-contained: it needs no network to open.</footer>
</main>
</body>
</html>
`
}

function header(report: RunReport): string {
  const outcome =
    report.outcome === 'finished'
      ? '<p class="outcome ok">Finished.</p>'
      : `<p class="outcome bad">${escapeHtml(report.error ?? report.outcome)}</p>`
  const started = report.startedAt ? ` · started ${escapeHtml(report.startedAt)}` : ''
  return `<header>
<h1>Stampede report</h1>
<p class="target"><span class="method">${escapeHtml(report.method)}</span> ${escapeHtml(report.url)}</p>
<p class="settings">${escapeHtml(settingsLine(report.settings))}${started}</p>
${outcome}
</header>`
}

function tiles(report: RunReport): string {
  const { sent, completed, failed, aborted } = report.requests
  const tile = (label: string, value: string, detail = ''): string =>
    `<div class="tile"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${
      detail ? `<div class="detail">${escapeHtml(detail)}</div>` : ''
    }</div>`
  return `<section class="tiles">
${tile('Requests', formatCount(sent), `${formatCount(completed)} completed, ${formatCount(failed)} failed${aborted > 0 ? `, ${formatCount(aborted)} aborted` : ''}`)}
${tile('Throughput', `${formatRate(report.rps)} req/s`, formatBytes(report.bytesRead) + ' read')}
${tile('Error rate', formatErrorRate(report.errorRate), `${formatCount(report.responses.clientOrServerError)} 4xx–5xx, ${formatCount(failed)} failed`)}
${tile('Latency p99', completed > 0 ? formatLatency(report.latencyMs.p99) : 'none', completed > 0 ? `TTFB p99 ${formatLatency(report.ttfbMs.p99)}` : 'no response arrived')}
${tile('Duration', formatDuration(report.durationMs))}
</section>`
}

function thresholdSection(report: RunReport): string {
  if (report.thresholds.length === 0) return ''
  const rows = report.thresholds.map((threshold) => {
    const { verdict, actual } = thresholdText(threshold)
    return `<tr class="${verdict}"><td><code>${escapeHtml(threshold.expression)}</code></td><td class="verdict">${verdict}</td><td>${escapeHtml(actual)}</td></tr>`
  })
  const failed = report.thresholds.filter((threshold) => !threshold.passed).length
  const heading = failed === 0 ? 'all passed' : `${failed} of ${report.thresholds.length} failed`
  return `<section><h2>Thresholds: ${heading}</h2>
<table class="thresholds"><thead><tr><th>Condition</th><th>Result</th><th>Actual</th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`
}

function healthSection(report: RunReport): string {
  if (!report.health) return ''
  const tone = report.health.verdict === 'ok' ? 'ok' : 'warn'
  return `<section><h2>Generator</h2><p class="verdict ${tone}">${escapeHtml(report.health.summary)}</p></section>`
}

function percentileSection(report: RunReport): string {
  if (report.requests.completed === 0) return '<section><h2>Latency</h2><p>None: no response arrived.</p></section>'
  const row = (label: string, latency: LatencySummary): string =>
    `<tr><th scope="row">${escapeHtml(label)}</th>${PERCENTILE_COLUMNS.map(([, key]) => `<td>${formatLatency(latency[key])}</td>`).join('')}<td>${formatLatency(latency.mean)}</td><td>${formatLatency(latency.min)}</td></tr>`
  const rows = [
    row(report.rawLatencyMs ? 'Latency (from the due time)' : 'Latency', report.latencyMs),
    ...(report.rawLatencyMs ? [row('Latency from the send (raw)', report.rawLatencyMs)] : []),
    row('Time to first byte', report.ttfbMs)
  ]
  const note = report.rawLatencyMs
    ? '<p class="note">Open model: latency counts from when each request was due, so a target that falls behind shows up as latency. The raw row counts from the actual send: the figure coordinated omission would have shown.</p>'
    : ''
  return `<section><h2>Latency</h2>
<table class="percentiles"><thead><tr><th></th>${PERCENTILE_COLUMNS.map(([label]) => `<th>${label}</th>`).join('')}<th>mean</th><th>min</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${note}</section>`
}

/** A flow's iterations, checks, a row per step, and what went wrong in which step. */
function flowSection(report: RunReport): string {
  if (!report.steps && !report.iterations && !report.checks) return ''
  const facts: Array<[string, string]> = []
  if (report.iterations) {
    facts.push(
      ['Iterations', iterationsText(report.iterations)],
      ['Iteration duration', iterationDurationText(report.iterations)],
      ['Iteration rate', iterationRateText(report.iterations)]
    )
  }
  if (report.checks) facts.push(['Checks', checksText(report.checks)])
  const factRows = facts.map(([label, text]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(text)}</td></tr>`)
  const steps = report.steps ?? []
  const stepRows = steps.map((step) => {
    const [name, ...figures] = stepCells(step)
    return `<tr><th scope="row">${escapeHtml(name)}</th>${figures.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`
  })
  // Each piece escaped as it is made: the check and the example are the file's and the target's text.
  const problems = stepProblems(steps, (text) => `<code>${escapeHtml(text)}</code>`).map(
    ({ step, text }) => `<li><strong>${escapeHtml(step)}</strong>: ${text}</li>`
  )
  return `<section><h2>Steps</h2>
${factRows.length > 0 ? `<table class="counts"><tbody>${factRows.join('')}</tbody></table>` : ''}
${steps.length > 0 ? `<table class="percentiles steps"><thead><tr>${STEP_COLUMNS.map((column) => `<th>${escapeHtml(column)}</th>`).join('')}</tr></thead><tbody>${stepRows.join('')}</tbody></table>` : ''}
${problems.length > 0 ? `<ul class="problems">${problems.join('')}</ul>` : ''}
</section>`
}

function chartSection(report: RunReport): string {
  const points = report.series?.points ?? []
  const bins = report.latencyBins ?? []
  if (points.length === 0 && bins.length === 0) return ''
  const seconds = (value: number): string => formatDuration(value * 1000)
  const at = (point: RunInterval): number => point.endMs / 1000
  const perSecond = (count: (point: RunInterval) => number) => (point: RunInterval) => {
    const spanMs = point.endMs - point.startMs
    return [at(point), spanMs > 0 ? (count(point) * 1000) / spanMs : 0] as const
  }
  const answered = (point: RunInterval): boolean => point.responses.ok + point.responses.clientOrServerError > 0
  const latencyLine = (label: string, color: string, of: (point: RunInterval) => number | undefined, dashed = false): ChartLine => ({
    label,
    color,
    dashed,
    points: points.map((point) => [at(point), answered(point) ? (of(point) ?? null) : null] as const)
  })
  const open = report.settings.model === 'open'
  const limited = rangesWhere(points, (point) => judgeHealth(point.health).generatorLimited)
  const charts = [
    lineChart({
      title: 'Throughput (requests a second, by outcome)',
      lines: [
        { label: '2xx–3xx', color: '#2e7d32', points: points.map(perSecond((point) => point.responses.ok)) },
        { label: '4xx–5xx', color: '#ef6c00', points: points.map(perSecond((point) => point.responses.clientOrServerError)) },
        { label: 'failed', color: '#c62828', points: points.map(perSecond((point) => point.failed)) },
        ...(open ? [{ label: 'due (the planned rate)', color: '#757575', dashed: true, points: points.map(perSecond((point) => point.due ?? 0)) }] : [])
      ],
      formatX: seconds,
      formatY: (value) => formatRate(value)
    }),
    lineChart({
      title: open ? 'Latency over time (from the due time; raw p99 from the send, dashed)' : 'Latency over time',
      lines: [
        latencyLine('p50', '#1565c0', (point) => point.latencyMs.p50),
        latencyLine('p90', '#00897b', (point) => point.latencyMs.p90),
        latencyLine('p99', '#ef6c00', (point) => point.latencyMs.p99),
        latencyLine('max', '#c62828', (point) => point.latencyMs.max),
        ...(open ? [latencyLine('raw p99', '#6a1b9a', (point) => point.rawLatencyMs?.p99, true)] : [])
      ],
      formatX: seconds,
      formatY: formatLatency
    }),
    lineChart({
      title: 'Time to first byte over time',
      lines: [
        latencyLine('p50', '#1565c0', (point) => point.ttfbMs.p50),
        latencyLine('p99', '#ef6c00', (point) => point.ttfbMs.p99),
        latencyLine('max', '#c62828', (point) => point.ttfbMs.max)
      ],
      formatX: seconds,
      formatY: formatLatency
    }),
    barChart(
      'Latency histogram (responses by latency, log scale)',
      bins.map((bin) => ({ label: formatLatency(bin.fromMs), value: bin.count })),
      (value) => formatCount(value),
      'responses from this latency up to the next bar'
    ),
    lineChart({
      title: 'Generator health (shaded: the generator limited the run)',
      lines: [
        { label: 'CPU % of a core (busiest engine)', color: '#1565c0', points: points.map((point) => [at(point), point.health.cpuPercent] as const) },
        {
          label: 'event loop busy %',
          color: '#00897b',
          points: points.map((point) => [at(point), point.health.eventLoopBusyPercent] as const)
        }
      ],
      yMax: Math.max(100, ...points.map((point) => point.health.cpuPercent)),
      shaded: { label: 'generator-limited', ranges: limited },
      formatX: seconds,
      formatY: (value) => `${Math.round(value)}%`
    }),
    ...(!open && points.some((point) => point.target !== undefined)
      ? [
          lineChart({
            title: 'Active connections (the shape’s target dashed)',
            lines: [
              { label: 'open', color: '#1565c0', points: points.map((point) => [at(point), point.activeConnections] as const) },
              { label: 'target', color: '#757575', dashed: true, points: points.map((point) => [at(point), point.target ?? null] as const) }
            ],
            formatX: seconds,
            formatY: (value) => formatCount(value)
          })
        ]
      : []),
    ...(open
      ? [
          lineChart({
            title: 'Sends behind schedule',
            lines: [
              {
                label: 'how late the latest send started',
                color: '#6a1b9a',
                points: points.map((point) => [at(point), point.health.behindScheduleMs ?? 0] as const)
              }
            ],
            formatX: seconds,
            formatY: formatLatency
          })
        ]
      : [])
  ]
  const bucket = report.series && report.series.bucketMs > 100 ? ` Each point covers ${formatDuration(report.series.bucketMs)}.` : ''
  return `<section><h2>Over time</h2><p class="note">From ${formatCount(points.length)} points.${bucket}</p><div class="charts">${charts.join('\n')}</div></section>`
}

/** The stretches of run time (s) where `holds` is true of consecutive points. */
function rangesWhere(points: readonly RunInterval[], holds: (point: RunInterval) => boolean): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const point of points) {
    if (!holds(point)) continue
    const last = ranges[ranges.length - 1]
    if (last && Math.abs(last[1] - point.startMs / 1000) < 1e-6) last[1] = point.endMs / 1000
    else ranges.push([point.startMs / 1000, point.endMs / 1000])
  }
  return ranges
}

function countsSection(report: RunReport): string {
  return `<section><h2>Responses and errors</h2>
<table class="facts"><tbody>
<tr><th scope="row">Responses</th><td>${formatCount(report.responses.ok)} 2xx–3xx, ${formatCount(report.responses.clientOrServerError)} 4xx–5xx</td></tr>
<tr><th scope="row">Status codes</th><td>${escapeHtml(statusCodesText(report.statusCodes))}</td></tr>
<tr><th scope="row">Errors (no response)</th><td>${escapeHtml(errorsText(report.errors))}</td></tr>
<tr><th scope="row">4xx–5xx rate</th><td>${formatErrorRate(report.clientOrServerErrorRate)}</td></tr>
</tbody></table>${errorTable(report)}</section>`
}

/** One row per error kind that occurred: its count and the first message seen, escaped (it is the network's text). */
function errorTable(report: RunReport): string {
  const rows = errorRows(report)
  if (rows.length === 0) return ''
  const body = rows
    .map(
      ({ kind, count, example }) =>
        `<tr><th scope="row">${kind}</th><td>${formatCount(count)}</td><td>${example === undefined ? '' : `<code>${escapeHtml(example)}</code>`}</td></tr>`
    )
    .join('')
  return `
<table class="errors"><thead><tr><th>Error</th><th>Count</th><th>Example</th></tr></thead><tbody>${body}</tbody></table>`
}

function settingsSection(report: RunReport): string {
  const { settings } = report
  const rows: Array<[string, string]> = [
    ['Model', settings.model === 'open' ? `open, ${formatCount(settings.ratePerSecond ?? 0)} requests a second` : 'closed'],
    ['Connections', formatCount(settings.connections)],
    ['Pipelining', formatCount(settings.pipelining)],
    ['Workers', formatCount(settings.workers)],
    ['Requests', settings.totalRequests === undefined ? 'no limit' : formatCount(settings.totalRequests)],
    ['Duration', settings.durationMs === undefined ? 'no limit' : formatDuration(settings.durationMs)],
    ['Timeout', formatLatency(settings.timeoutMs)],
    ['Headers', settings.headerNames.length === 0 ? 'none' : `${settings.headerNames.join(', ')} (values left out)`],
    ['Body', settings.bodyBytes === 0 ? 'none' : `${formatBytes(settings.bodyBytes)} (content left out)`],
    ['Protocol', `${PROTOCOL_NAMES[settings.protocol]}${settings.insecure ? ', any TLS certificate accepted' : ''}`],
    ...(settings.stages
      ? [['Stages', settings.stages.map((stage) => `${formatDuration(stage.durationMs)} to ${formatCount(stage.target)}`).join(', ')] as [string, string]]
      : [])
  ]
  return `<section><h2>Settings</h2><table class="facts"><tbody>${rows
    .map(([label, value]) => `<tr><th scope="row">${label}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('')}</tbody></table></section>`
}
