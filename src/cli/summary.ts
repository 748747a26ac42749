import { impliedRequests, peakTarget, shapeDurationMs } from '../shared/load-shape'
import { runLengthMs, shapeOf, type RunPlan } from '../shared/run-plan'
import { ERROR_KINDS, type ErrorKind } from '../shared/run-snapshot'
import { formatBytes, formatCount, formatDuration, formatErrorRate, formatLatency, formatRate } from '../shared/format'
import type { JsonReport, RunSetup } from './json-report'

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
  const parts = [
    ...protocolParts(plan),
    modelPart(plan),
    connectionsPart(plan),
    plan.protocol === 'http1' ? `pipelining ${plan.pipelining}` : plural(plan.pipelining, 'stream') + ' per connection',
    plural(workers, 'worker'),
    stopCondition(plan)
  ]
  return parts.join(' · ')
}

const PROTOCOL_NAMES: Record<RunPlan['protocol'], string> = { http1: 'HTTP/1.1', h2: 'HTTP/2', h2c: 'h2c' }

/** Said only when it is not the default, as every other part of the line is always said. */
function protocolParts(plan: RunPlan): string[] {
  const parts = plan.protocol === 'http1' ? [] : [PROTOCOL_NAMES[plan.protocol]]
  if (plan.insecure) parts.push('insecure TLS')
  return parts
}

function modelPart(plan: RunPlan): string {
  const shape = shapeOf(plan)
  if (!shape) return plan.ratePerSecond === undefined ? 'closed model' : `open model at ${formatCount(plan.ratePerSecond)} req/s`
  const stages = `${plural(shape.stages.length, 'stage')} over ${formatDuration(shapeDurationMs(shape.stages))}`
  if (shape.unit === 'connections') return `closed model, ${stages} from ${plural(shape.start, 'connection')}`
  const implied = formatCount(Math.ceil(impliedRequests(shape.start, shape.stages)))
  return `open model, ${stages} from ${formatCount(shape.start)} req/s (${implied} requests)`
}

function connectionsPart(plan: RunPlan): string {
  const shape = shapeOf(plan)
  if (shape?.unit === 'connections') return `up to ${plural(peakTarget(shape.start, shape.stages), 'connection')}`
  return plural(plan.concurrency, 'connection')
}

function stopCondition(plan: RunPlan): string {
  const requests = plan.totalRequests === undefined ? undefined : plural(plan.totalRequests, 'request')
  const lengthMs = runLengthMs(plan)
  const duration = lengthMs === undefined ? undefined : formatDuration(lengthMs)
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
