import { REPORT_DIGITS, round } from '../report/report-rounding'
import type { RunReport } from '../report/run-report'
import { latencyFieldOf, metricKind, THRESHOLD_METRICS, type ThresholdMetric } from '../thresholds'
import { formatMetricValue, metricLabel } from './delta-format'
import { settingDifferences, type SettingDifference } from './setting-differences'

/**
 * Two runs side by side: how each metric moved from the base run to the new one, which way is
 * better, and the settings that differ. The one comparison the app's compare view and
 * `stampede compare` show, so both give the same numbers for the same two reports.
 */

export type DeltaVerdict = 'better' | 'worse' | 'unchanged' | 'unknown'

export interface MetricDelta {
  metric: ThresholdMetric
  /** For people: 'req/s', 'p99', 'TTFB p99', 'Error rate'. */
  label: string
  /** In the metric's unit (ms, a fraction for rates, req/s); null when the run has none (no response arrived). */
  base: number | null
  next: number | null
  /** next - base, in the metric's unit; for rates a difference of fractions (0.005 is half a percentage point). */
  change: number | null
  /** (next - base) / base; null when base is 0 or either figure is missing. */
  relativeChange: number | null
  verdict: DeltaVerdict
}

export type { SettingDifference }

export interface RunComparison {
  /** Every metric a threshold or a --fail-on limit can name, in COMPARED_METRICS order. */
  metrics: MetricDelta[]
  /** Only the settings that differ, and the outcomes when a run did not finish. */
  settings: SettingDifference[]
  /** Some difference means the runs measured different things: the deltas are not the build's alone. */
  suspect: boolean
}

/**
 * A change smaller than this share of the base is 'unchanged': two runs of the same build against a
 * quiet local target differ by about this much, and nobody acts on less.
 */
export const UNCHANGED_WITHIN = 0.01

/** Every metric, in the order a table lists them: throughput, latency, time to first byte, errors. */
export const COMPARED_METRICS: readonly ThresholdMetric[] = [
  'rps',
  ...THRESHOLD_METRICS.filter((metric) => metricKind(metric) === 'latency'),
  'error_rate',
  'client_or_server_error_rate'
]

/** The rows the delta table shows (the CLI's and the app's); the rest are in --json and can be limited. */
export const TABLE_METRICS: readonly ThresholdMetric[] = [
  'rps',
  'p50',
  'p90',
  'p99',
  'p99.9',
  'max',
  'mean',
  'ttfb_p50',
  'ttfb_p99',
  'error_rate',
  'client_or_server_error_rate'
]

export function compareReports(base: RunReport, next: RunReport): RunComparison {
  const settings = settingDifferences(base, next)
  return {
    metrics: COMPARED_METRICS.map((metric) => metricDelta(metric, reportFigure(base, metric), reportFigure(next, metric))),
    settings,
    suspect: settings.some((difference) => difference.suspect)
  }
}

/**
 * The metric's figure in a report, in its unit, as thresholds judge it: no latency without a
 * response, no rate without a request that was not cancelled.
 */
export function reportFigure(report: RunReport, metric: ThresholdMetric): number | null {
  switch (metricKind(metric)) {
    case 'rps':
      return report.rps
    case 'rate':
      if (report.requests.sent - report.requests.aborted === 0) return null
      return metric === 'error_rate' ? report.errorRate : report.clientOrServerErrorRate
    case 'latency': {
      if (report.requests.completed === 0) return null
      const { ttfb, field } = latencyFieldOf(metric)
      return (ttfb ? report.ttfbMs : report.latencyMs)[field]
    }
  }
}

function metricDelta(metric: ThresholdMetric, base: number | null, next: number | null): MetricDelta {
  const known = base !== null && next !== null
  // Rounded as the report rounds the figures, so 0.015 - 0.01 reads 0.005, not 0.004999999999999999.
  const change = known ? round(next - base, REPORT_DIGITS[metricKind(metric)]) : null
  const relativeChange = known && base !== 0 ? round((next - base) / base, 6) : null
  return { metric, label: metricLabel(metric), base, next, change, relativeChange, verdict: verdictOf(metric, base, next, relativeChange) }
}

/**
 * Lower latency and error rates are better, higher req/s is. 'unchanged' when the two figures read
 * the same as shown (src/shared/format.ts) or differ by less than UNCHANGED_WITHIN of the base.
 */
function verdictOf(metric: ThresholdMetric, base: number | null, next: number | null, relativeChange: number | null): DeltaVerdict {
  if (base === null || next === null) return 'unknown'
  if (formatMetricValue(metric, base) === formatMetricValue(metric, next)) return 'unchanged'
  if (relativeChange !== null && Math.abs(relativeChange) < UNCHANGED_WITHIN) return 'unchanged'
  const higherIsBetter = metric === 'rps'
  return next > base === higherIsBetter ? 'better' : 'worse'
}

