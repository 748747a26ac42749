import { formatErrorRate, formatLatency, formatPercentagePoints, formatRate, formatRelativeChange, signOf } from '../format'
import { metricKind, type ThresholdMetric } from '../thresholds'

/** How a comparison's figures read, for the CLI's table and the app's compare view alike. */

/** What a figure is missing from a run shows as: a latency of a run where no response arrived. */
export const NO_FIGURE = '—'

const RATE_LABELS = { error_rate: 'Error rate', client_or_server_error_rate: '4xx–5xx rate' } as const

/** 'req/s', 'p99', 'TTFB p99', 'Error rate'. */
export function metricLabel(metric: ThresholdMetric): string {
  if (metric === 'rps') return 'req/s'
  if (metric === 'checks') return 'Checks passed'
  if (metric === 'error_rate' || metric === 'client_or_server_error_rate') return RATE_LABELS[metric]
  return metric.startsWith('ttfb_') ? `TTFB ${metric.slice('ttfb_'.length)}` : metric
}

/** A figure in the metric's unit as people read it: "12.0 ms", "0.50%", "480" (req/s). */
export function formatMetricValue(metric: ThresholdMetric, value: number | null): string {
  if (value === null) return NO_FIGURE
  switch (metricKind(metric)) {
    case 'latency':
      return formatLatency(value)
    case 'rate':
      return formatErrorRate(value)
    case 'rps':
      return formatRate(value)
  }
}

/** A change in the metric's unit, signed: "+9.00 ms", "-0.50 pp" (rates, in percentage points), "-20.0 req/s". */
export function formatMetricChange(metric: ThresholdMetric, change: number | null): string {
  if (change === null) return NO_FIGURE
  switch (metricKind(metric)) {
    case 'latency':
      return `${signOf(change)}${formatLatency(Math.abs(change))}`
    case 'rate':
      return formatPercentagePoints(change)
    case 'rps':
      return `${signOf(change)}${formatRate(Math.abs(change))} req/s`
  }
}

/** "+4.0%", or nothing when there is no relative change (a base of 0). */
export function formatRelative(relativeChange: number | null): string {
  return relativeChange === null ? '' : formatRelativeChange(relativeChange)
}
