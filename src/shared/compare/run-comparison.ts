import { checkPassRate, checkTotalsOf } from '../flow/flow-figures'
import type { StepReport } from '../report/flow-report'
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
  /** Every metric a threshold or a --fail-on limit can name, in COMPARED_METRICS order; checks only for flows. */
  metrics: MetricDelta[]
  /** Flows only: each step of the base run that the new run has too (matched by name), in the base's order. */
  steps?: StepDelta[]
  /** Only the settings that differ, and the outcomes when a run did not finish. */
  settings: SettingDifference[]
  /** Some difference means the runs measured different things: the deltas are not the build's alone. */
  suspect: boolean
}

/** One step's metrics, from the base run to the new one. */
export interface StepDelta {
  name: string
  metrics: MetricDelta[]
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
  'client_or_server_error_rate',
  'checks'
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
  'client_or_server_error_rate',
  'checks'
]

/** A step's rows in the delta table. */
export const STEP_TABLE_METRICS: readonly ThresholdMetric[] = ['rps', 'p50', 'p99', 'max', 'error_rate', 'checks']

export function compareReports(base: RunReport, next: RunReport): RunComparison {
  const settings = settingDifferences(base, next)
  const flow = base.steps !== undefined || next.steps !== undefined
  // A one-request run has no checks: its comparison lists what it always did.
  const metrics = flow ? COMPARED_METRICS : COMPARED_METRICS.filter((metric) => metric !== 'checks')
  return {
    metrics: deltasOf(metrics, figuresOfReport(base), figuresOfReport(next)),
    ...(flow ? { steps: stepDeltas(base.steps ?? [], next.steps ?? []) } : {}),
    settings,
    suspect: settings.some((difference) => difference.suspect)
  }
}

/** The figures a metric is read from: a whole run's, or one step's. */
interface Figures extends Pick<RunReport, 'rps' | 'requests' | 'errorRate' | 'clientOrServerErrorRate' | 'latencyMs' | 'ttfbMs'> {
  /** The share of checks passed; null when none ran. */
  checkRate: number | null
}

function figuresOfReport(report: RunReport): Figures {
  return { ...report, checkRate: report.checks?.rate ?? null }
}

function figuresOfStep(step: StepReport): Figures {
  const rate = checkPassRate(checkTotalsOf(step.checks))
  return { ...step, checkRate: rate === null ? null : round(rate, REPORT_DIGITS.rate) }
}

function deltasOf(metrics: readonly ThresholdMetric[], base: Figures, next: Figures): MetricDelta[] {
  return metrics.map((metric) => metricDelta(metric, figureOf(base, metric), figureOf(next, metric)))
}

/** The steps both runs have, matched by name (a name is the step's identity in every result). */
function stepDeltas(base: readonly StepReport[], next: readonly StepReport[]): StepDelta[] {
  return base.flatMap((step) => {
    const other = next.find((candidate) => candidate.name === step.name)
    return other ? [{ name: step.name, metrics: deltasOf(COMPARED_METRICS, figuresOfStep(step), figuresOfStep(other)) }] : []
  })
}

/**
 * The metric's figure in a report, in its unit, as thresholds judge it: no latency without a
 * response, no rate without a request that was not cancelled, no check rate without a check.
 */
export function reportFigure(report: RunReport, metric: ThresholdMetric): number | null {
  return figureOf(figuresOfReport(report), metric)
}

function figureOf(report: Figures, metric: ThresholdMetric): number | null {
  switch (metricKind(metric)) {
    case 'rps':
      return report.rps
    case 'rate':
      if (metric === 'checks') return report.checkRate
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
 * Lower latency and error rates are better, higher req/s and a higher share of checks passed are. 'unchanged' when the two figures read
 * the same as shown (src/shared/format.ts) or differ by less than UNCHANGED_WITHIN of the base.
 */
function verdictOf(metric: ThresholdMetric, base: number | null, next: number | null, relativeChange: number | null): DeltaVerdict {
  if (base === null || next === null) return 'unknown'
  if (formatMetricValue(metric, base) === formatMetricValue(metric, next)) return 'unchanged'
  if (relativeChange !== null && Math.abs(relativeChange) < UNCHANGED_WITHIN) return 'unchanged'
  const higherIsBetter = metric === 'rps' || metric === 'checks'
  return next > base === higherIsBetter ? 'better' : 'worse'
}

