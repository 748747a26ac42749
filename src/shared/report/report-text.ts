import { formatCount, formatDuration } from '../format'
import { impliedRequests, peakTarget, shapeDurationMs } from '../load-shape'
import { runLengthMs, shapeOf } from '../run-plan'
import { ERROR_KINDS, type ErrorKind, type LatencySummary } from '../run-snapshot'
import { formatThresholdActual } from '../thresholds'
import type { ReportSettings, RunReport, ThresholdResult } from './run-report'

/** The pieces of text every rendering of a report shares: the CLI summary, Markdown and HTML. */

/** The percentile table's columns, in order, as every rendering labels them. */
export const PERCENTILE_COLUMNS: ReadonlyArray<[label: string, key: keyof LatencySummary]> = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p99.9', 'p999'],
  ['p99.99', 'p9999'],
  ['max', 'max']
]

/**
 * "closed model · 50 connections · pipelining 1 · 1 worker · 10.0 s"; the protocol and insecure TLS
 * lead when they are not the defaults, and a shape says its stages.
 */
export function settingsLine(settings: ReportSettings): string {
  return [
    ...protocolParts(settings),
    modelPart(settings),
    connectionsPart(settings),
    settings.protocol === 'http1' ? `pipelining ${settings.pipelining}` : `${plural(settings.pipelining, 'stream')} per connection`,
    plural(settings.workers, 'worker'),
    stopCondition(settings)
  ].join(' · ')
}

export const PROTOCOL_NAMES: Readonly<Record<ReportSettings['protocol'], string>> = { http1: 'HTTP/1.1', h2: 'HTTP/2', h2c: 'h2c' }

function protocolParts(settings: ReportSettings): string[] {
  const parts = settings.protocol === 'http1' ? [] : [PROTOCOL_NAMES[settings.protocol]]
  if (settings.insecure) parts.push('insecure TLS')
  return parts
}

function shapeOfSettings(settings: ReportSettings): ReturnType<typeof shapeOf> {
  return shapeOf({ ratePerSecond: settings.ratePerSecond, concurrency: settings.connections, stages: settings.stages })
}

function modelPart(settings: ReportSettings): string {
  const shape = shapeOfSettings(settings)
  if (!shape) return settings.model === 'open' ? `open model at ${formatCount(settings.ratePerSecond ?? 0)} req/s` : 'closed model'
  const stages = `${plural(shape.stages.length, 'stage')} over ${formatDuration(shapeDurationMs(shape.stages))}`
  if (shape.unit === 'connections') return `closed model, ${stages} from ${plural(shape.start, 'connection')}`
  const implied = formatCount(Math.ceil(impliedRequests(shape.start, shape.stages)))
  return `open model, ${stages} from ${formatCount(shape.start)} req/s (${implied} requests)`
}

function connectionsPart(settings: ReportSettings): string {
  const shape = shapeOfSettings(settings)
  if (shape?.unit === 'connections') return `up to ${plural(peakTarget(shape.start, shape.stages), 'connection')}`
  return plural(settings.connections, 'connection')
}

function stopCondition(settings: ReportSettings): string {
  const requests = settings.totalRequests === undefined ? undefined : plural(settings.totalRequests, 'request')
  const lengthMs = runLengthMs(settings)
  const duration = lengthMs === undefined ? undefined : formatDuration(lengthMs)
  if (requests && duration) return `${requests} or ${duration}, whichever comes first`
  return requests ?? duration ?? ''
}

/** "200: 985, 503: 10" in numeric order; "none" when empty. */
export function statusCodesText(statusCodes: Record<string, number>): string {
  return countsText(statusCodes, (a, b) => Number(a) - Number(b))
}

/** "refused: 2, timeout: 3" in the app's order of kinds; "none" when empty. */
export function errorsText(errors: Partial<Record<ErrorKind, number>>): string {
  return countsText(errors, (a, b) => ERROR_KINDS.indexOf(a as ErrorKind) - ERROR_KINDS.indexOf(b as ErrorKind))
}

export interface ErrorRow {
  kind: ErrorKind
  count: number
  /** The first message of the kind, on one line with no control character; absent when none was kept. */
  example?: string
}

/** Each error kind that occurred, in the app's order, with its count and its example message. */
export function errorRows(report: Pick<RunReport, 'errors' | 'errorExamples'>): ErrorRow[] {
  return ERROR_KINDS.filter((kind) => (report.errors[kind] ?? 0) > 0).map((kind) => {
    const example = report.errorExamples?.[kind]
    const count = report.errors[kind] ?? 0
    return example === undefined ? { kind, count } : { kind, count, example: oneLine(example) }
  })
}

/** Line breaks and terminal escapes in a message the target may have shaped stay out of every rendering. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
}

function countsText(byName: Record<string, number | undefined>, order: (a: string, b: string) => number): string {
  const names = Object.keys(byName).filter((name) => (byName[name] ?? 0) > 0)
  if (names.length === 0) return 'none'
  return names
    .sort(order)
    .map((name) => `${name}: ${formatCount(byName[name] ?? 0)}`)
    .join(', ')
}

/** "passed  p99<250ms  (212 ms)" without the padding: the verdict and the actual figure. */
export function thresholdText(threshold: ThresholdResult): { verdict: 'passed' | 'failed'; actual: string } {
  return { verdict: threshold.passed ? 'passed' : 'failed', actual: formatThresholdActual(threshold.metric, threshold.actual) }
}

export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}

export type Alignment = 'left' | 'right'

/** Rows of cells as lines, each column as wide as its widest cell; trailing spaces trimmed. */
export function alignedRows(rows: readonly string[][], alignments: readonly Alignment[]): string[] {
  const widths = alignments.map((_alignment, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  return rows.map((row) =>
    row
      .map((cell, column) => (alignments[column] === 'right' ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd()
  )
}
