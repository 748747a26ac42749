import { formatCount, formatDuration } from '../format'
import { ERROR_KINDS, type ErrorKind, type LatencySummary } from '../run-snapshot'
import { formatThresholdActual } from '../thresholds'
import type { ReportSettings, ThresholdResult } from './run-report'

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

/** "closed model · 50 connections · pipelining 1 · 1 worker · 10.0 s". */
export function settingsLine(settings: ReportSettings): string {
  const model = settings.model === 'open' ? `open model at ${formatCount(settings.ratePerSecond ?? 0)} req/s` : 'closed model'
  return [
    model,
    plural(settings.connections, 'connection'),
    `pipelining ${settings.pipelining}`,
    plural(settings.workers, 'worker'),
    stopCondition(settings)
  ].join(' · ')
}

function stopCondition(settings: ReportSettings): string {
  const requests = settings.totalRequests === undefined ? undefined : plural(settings.totalRequests, 'request')
  const duration = settings.durationMs === undefined ? undefined : formatDuration(settings.durationMs)
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
