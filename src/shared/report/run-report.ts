import { runHealthText, type RunHealth } from '../generator-health'
import type { RunInterval } from '../run-interval'
import type { LoadStage } from '../load-shape'
import type { Protocol, RunPlan } from '../run-plan'
import { crashMessage, type LatencyBin, type LatencySummary, type RunOutcome, type RunResult } from '../run-snapshot'
import { evaluateThresholds, metricKind, type Threshold, type ThresholdMetric } from '../thresholds'
import { flowReportOf, type FlowReport } from './flow-report'
import { REPORT_DIGITS, round, roundEach } from './report-rounding'
import { requestFigures, type RequestFigures } from './request-figures'

/**
 * The one report of a finished run: what `--json` prints, what the app and the CLI export as JSON,
 * and what the CSV, Markdown and HTML writers (./series-csv.ts, ./markdown-summary.ts, ./html-report.ts) render. One schema, one builder.
 *
 * `--json` prints it without `series` and `latencyBins` (see jsonOutput): a pipeline reading one
 * line of stdout wants the verdict, not a thousand points. The exported JSON file has them all.
 */
export interface RunReport extends RequestFigures {
  url: string
  method: string
  /** When the run started (ISO 8601), when the caller knows. */
  startedAt?: string
  /** Open model only: latency from the actual send, what coordinated omission would have shown. */
  rawLatencyMs?: LatencySummary
  durationMs: number
  rps: number
  bytesRead: number
  /** How the run ended: 'finished', 'cancelled' (Ctrl-C) or 'crashed' (an engine died or refused). */
  outcome: RunOutcome
  /** Only when the outcome is not 'finished': why, in a sentence. */
  error?: string
  /** outcome === 'cancelled', kept for the scripts that read it before `outcome` existed. */
  cancelled: boolean
  /** Every threshold given, judged on the whole run (or on its step), in the order given. */
  thresholds: ThresholdResult[]
  /** A flow only (./flow-report.ts): each step's figures, in the order of the steps; the request figures above are their sum. */
  steps?: FlowReport['steps']
  /** A flow only: iterations started, completed and failed (and why), their duration and rate. */
  iterations?: FlowReport['iterations']
  /** A flow only: every check of every step, summed, and the share passed. */
  checks?: FlowReport['checks']
  /** How the generator kept up (src/shared/generator-health.ts), with its sentence. */
  health?: RunHealth & { summary: string }
  settings: ReportSettings
  /** Export only: the latency histogram in log-spaced bins. */
  latencyBins?: LatencyBin[]
  /** Export only: the run's series, one point per interval (or per bucket for a long run). */
  series?: { bucketMs: number; points: RunInterval[] }
}

export interface ThresholdResult {
  /** As typed; a step's starts with its name (`log in: p99<250ms`). */
  expression: string
  /** The step it was judged on alone; absent: the whole run. */
  step?: string
  metric: ThresholdMetric
  passed: boolean
  /** The metric's figure in its unit (ms, a fraction for rates, req/s); null when there was none. */
  actual: number | null
}

/** How the run was set up. Header values and the body are left out: a report is made to be handed on. */
export interface ReportSettings {
  model: 'closed' | 'open'
  /** Open model only. */
  ratePerSecond?: number
  connections: number
  pipelining: number
  /** Engine processes the run was split between. */
  workers: number
  totalRequests?: number
  durationMs?: number
  timeoutMs: number
  /** The names of the headers sent, in order. */
  headerNames: string[]
  /** The body's size in bytes (UTF-8); 0 for none. */
  bodyBytes: number
  protocol: Protocol
  /** Any TLS certificate was accepted. */
  insecure: boolean
  /**
   * The load shape, when the run had one: it starts from ratePerSecond (open model) or connections
   * (closed model), each stage ramping to its target (src/shared/load-shape.ts).
   */
  stages?: LoadStage[]
}

export interface ReportInput {
  plan: RunPlan
  result: RunResult
  /** Engine processes the run was split between. */
  workers: number
  thresholds?: readonly Threshold[]
  startedAt?: string
}

export function buildRunReport({ plan, result, workers, thresholds = [], startedAt }: ReportInput): RunReport {
  return {
    url: plan.url,
    method: plan.method,
    ...(startedAt ? { startedAt } : {}),
    ...requestFigures(result),
    ...(result.rawLatencyMs ? { rawLatencyMs: roundEach(result.rawLatencyMs) } : {}),
    durationMs: round(result.elapsedMs, 1),
    rps: round(result.requestsPerSecond, 1),
    bytesRead: result.bytesRead,
    outcome: result.outcome,
    ...(result.outcome === 'finished' ? {} : { error: outcomeError(result) }),
    cancelled: result.outcome === 'cancelled',
    thresholds: evaluateThresholds(thresholds, result, { final: true }).map(({ expression, step, metric, passed, actual }) => ({
      expression,
      ...(step === undefined ? {} : { step }),
      metric,
      passed,
      actual: actual === null ? null : round(actual, REPORT_DIGITS[metricKind(metric)])
    })),
    ...flowReportOf(result),
    ...(result.health ? { health: { ...result.health, summary: runHealthText(result.health) } } : {}),
    settings: settingsOf(plan, workers),
    ...(result.latencyBins ? { latencyBins: result.latencyBins } : {}),
    ...(result.series
      ? { series: { bucketMs: result.series.bucketMs, points: result.series.points.map(roundInterval) } }
      : {})
  }
}

/** What `--json` prints: the report without its series and histogram bins. */
export function jsonOutput(report: RunReport): Omit<RunReport, 'series' | 'latencyBins'> {
  const { series: _series, latencyBins: _latencyBins, ...rest } = report
  return rest
}

/** The exported JSON file: the whole report, indented for a person who opens it. */
export function reportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/** Every threshold given passed (true when none was given). */
export function thresholdsPassed(report: RunReport): boolean {
  return report.thresholds.every((threshold) => threshold.passed)
}

function settingsOf(plan: RunPlan, workers: number): ReportSettings {
  return {
    model: plan.ratePerSecond === undefined ? 'closed' : 'open',
    ...(plan.ratePerSecond === undefined ? {} : { ratePerSecond: plan.ratePerSecond }),
    connections: plan.concurrency,
    pipelining: plan.pipelining,
    workers,
    ...(plan.totalRequests === undefined ? {} : { totalRequests: plan.totalRequests }),
    ...(plan.durationMs === undefined ? {} : { durationMs: plan.durationMs }),
    timeoutMs: plan.timeoutMs,
    headerNames: plan.headers.map(([name]) => name),
    bodyBytes: plan.body === undefined ? 0 : new TextEncoder().encode(plan.body).length,
    protocol: plan.protocol,
    insecure: plan.insecure,
    ...(plan.stages === undefined ? {} : { stages: plan.stages.map((stage) => ({ ...stage })) })
  }
}

function outcomeError(result: RunResult): string {
  if (result.outcome === 'cancelled') return 'Cancelled (Ctrl-C) before the run finished: these are the results until then.'
  return result.message ?? crashMessage()
}

/** Run time to a tenth of a millisecond: the engines' clocks agree no better; a shape's target to a thousandth. */
function roundInterval(interval: RunInterval): RunInterval {
  const rounded = { ...interval, startMs: round(interval.startMs, 1), endMs: round(interval.endMs, 1) }
  if (interval.target !== undefined) rounded.target = round(interval.target, 3)
  return rounded
}
