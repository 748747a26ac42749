import type { RunPlan } from '../shared/run-plan'
import { ERROR_KINDS, type ErrorKind } from '../shared/run-snapshot'
import { formatBytes, formatCount, formatDuration, formatErrorRate, formatLatency, formatRate } from '../shared/format'
import type { JsonReport } from './json-report'

/** How the run was set up, as the summary's second line tells it. */
export interface RunSetup {
  plan: RunPlan
  /** Engine processes the run was split between. */
  workers: number
}

const LATENCY_ROWS: Array<[label: string, key: keyof JsonReport['latencyMs']]> = [
  ['min', 'min'],
  ['mean', 'mean'],
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p99.9', 'p999'],
  ['max', 'max']
]

/** The readable end of a run, built from the same report --json prints so the two never disagree. */
export function summaryText(report: JsonReport, { plan, workers }: RunSetup): string {
  const lines = [`${report.method} ${report.url}`, `  ${setupLine(plan, workers)}`, '']
  if (report.cancelled) lines.push('Cancelled: these are the results until then.', '')
  const { sent, completed, failed, aborted } = report.requests
  const { ok, clientOrServerError } = report.responses
  const abortedPart = aborted > 0 ? `, ${formatCount(aborted)} aborted` : ''
  lines.push(
    row('Requests', `${formatCount(sent)} sent, ${formatCount(completed)} completed, ${formatCount(failed)} failed${abortedPart}`),
    row('Responses', `${formatCount(ok)} 2xx–3xx, ${formatCount(clientOrServerError)} 4xx–5xx`),
    row('Error rate', formatErrorRate(report.errorRate)),
    row('Status codes', counts(report.statusCodes, (a, b) => Number(a) - Number(b))),
    row('Errors', counts(report.errors, (a, b) => kindOrder(a) - kindOrder(b))),
    ''
  )
  // Zeros would read as a very fast server: with no response there is no latency to show.
  if (completed === 0) lines.push(row('Latency', 'none: no response arrived'))
  else {
    lines.push('Latency')
    for (const [label, key] of LATENCY_ROWS) lines.push(`  ${label.padEnd(7)}${formatLatency(report.latencyMs[key]).padStart(10)}`)
  }
  lines.push(
    '',
    row('Duration', formatDuration(report.durationMs)),
    row('Requests/s', formatRate(report.rps)),
    row('Bytes read', formatBytes(report.bytesRead))
  )
  return `${lines.join('\n')}\n`
}

function setupLine(plan: RunPlan, workers: number): string {
  const model = plan.ratePerSecond === undefined ? 'closed model' : `open model at ${formatCount(plan.ratePerSecond)} req/s`
  const parts = [
    model,
    plural(plan.concurrency, 'connection'),
    `pipelining ${plan.pipelining}`,
    plural(workers, 'worker'),
    stopCondition(plan)
  ]
  return parts.join(' · ')
}

function stopCondition(plan: RunPlan): string {
  const requests = plan.totalRequests === undefined ? undefined : plural(plan.totalRequests, 'request')
  const duration = plan.durationMs === undefined ? undefined : formatDuration(plan.durationMs)
  if (requests && duration) return `${requests} or ${duration}, whichever comes first`
  return requests ?? duration ?? ''
}

function counts(byName: Record<string, number | undefined>, order: (a: string, b: string) => number): string {
  const names = Object.keys(byName).filter((name) => (byName[name] ?? 0) > 0)
  if (names.length === 0) return 'none'
  return names
    .sort(order)
    .map((name) => `${name}: ${formatCount(byName[name] ?? 0)}`)
    .join(', ')
}

/** The app's order (src/shared/run-snapshot.ts), so the CLI and the window list kinds alike. */
function kindOrder(kind: string): number {
  return ERROR_KINDS.indexOf(kind as ErrorKind)
}

function row(label: string, value: string): string {
  return `${label.padEnd(14)}${value}`
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}
