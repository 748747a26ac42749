import { checkPassRate, stepAsSnapshot } from './flow/flow-figures'
import { stepName, type StepDefinition } from './flow/flow-definition'
import { classifyOutcomes, clientOrServerErrorRate, errorRate } from './request-outcomes'
import type { LatencySummary, RunSnapshot } from './run-snapshot'
import { formatErrorRate, formatLatency, formatPercent, formatRate } from './format'

/**
 * Pass-or-fail conditions on a run, such as `p99<250ms`, `error_rate<1%` or `rps>500`: one parser
 * and one evaluator for the form, the CLI (--threshold) and the report.
 *
 * Grammar: METRIC OPERATOR VALUE, spaces allowed around the operator.
 * - Latency metrics (ms unless a unit is given: 250ms, 0.25s, 800us): p50, p90, p99, p99.9, p99.99,
 *   max, mean, and the same of time to first byte with a ttfb_ prefix (ttfb_p99, ttfb_max...).
 * - Rates, as a percentage: error_rate ((4xx–5xx + failed) / requests not aborted, as in
 *   ./request-outcomes.ts) and client_or_server_error_rate (4xx–5xx / requests not aborted).
 * - rps: requests per second over the run (the report's rps).
 * - checks, as a percentage: the share of a flow's checks that passed (./flow/flow-figures.ts).
 * - Operators: <, <=, >, >=.
 *
 * `STEP: CONDITION` judges the condition on one step of a flow alone (its requests, latency, rate
 * and checks), the step named as every result names it (./flow/flow-definition.ts stepName). A step's
 * name may hold colons (`GET http://...`); a condition never does, so the last colon divides them.
 */

export type ThresholdOperator = '<' | '<=' | '>' | '>='
/** What a metric measures, which sets its unit: ms for latency, a fraction for rates, requests a second for rps. */
export type MetricKind = 'latency' | 'rate' | 'rps'

const LATENCY_FIELDS = {
  p50: 'p50',
  p90: 'p90',
  p99: 'p99',
  'p99.9': 'p999',
  'p99.99': 'p9999',
  max: 'max',
  mean: 'mean'
} as const satisfies Record<string, keyof LatencySummary>
type LatencyName = keyof typeof LATENCY_FIELDS

export const THRESHOLD_METRICS = [
  ...(Object.keys(LATENCY_FIELDS) as LatencyName[]),
  ...(Object.keys(LATENCY_FIELDS) as LatencyName[]).map((name) => `ttfb_${name}` as const),
  'error_rate',
  'client_or_server_error_rate',
  'rps',
  'checks'
] as const
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number]

export interface Threshold {
  /** As typed, trimmed (`log in: p99<250ms` for a step's): how the threshold is named in every list and report. */
  expression: string
  /** Judged on this step of a flow alone; absent: on the whole run. */
  step?: string
  metric: ThresholdMetric
  operator: ThresholdOperator
  /** In the metric's unit: ms for latency, a fraction for rates (1% is 0.01), requests a second for rps. */
  value: number
}

export type ThresholdParse = { ok: true; threshold: Threshold } | { ok: false; message: string }

const EXAMPLE = 'such as p99<250ms, error_rate<1%, rps>500 or checks>99%'
const METRIC_NAMES =
  'p50, p90, p99, p99.9, p99.99, max, mean, ttfb_p99 (any of those with ttfb_), error_rate, client_or_server_error_rate, rps or checks'
const SHAPE = /^([a-z0-9_.]+)\s*(<=|>=|<|>)\s*(.+)$/i
const NUMBER = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-zµ%/]*)$/i
/** A time as typed, in ms per unit: no unit is ms. */
export const LATENCY_UNITS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, us: 0.001, µs: 0.001 }

export function parseThreshold(text: string): ThresholdParse {
  const trimmed = text.trim()
  const colon = trimmed.lastIndexOf(':')
  if (colon === -1) return parseCondition(trimmed)
  const step = trimmed.slice(0, colon).trim()
  if (step === '') return problem(`"${trimmed}": name the step before the colon, such as "log in: p99<250ms".`)
  const parsed = parseCondition(trimmed.slice(colon + 1).trim())
  return parsed.ok ? scopedTo(step, parsed.threshold) : problem(`step "${step}": ${parsed.message}`)
}

/** A condition judged on one step, named with it. */
function scopedTo(step: string, threshold: Threshold): ThresholdParse {
  return { ok: true, threshold: { ...threshold, expression: `${step}: ${threshold.expression}`, step } }
}

function parseCondition(expression: string): ThresholdParse {
  if (expression === '') return problem(`Write a condition, ${EXAMPLE}.`)
  const shape = SHAPE.exec(expression)
  if (!shape) {
    if (!/[<>]/.test(expression)) {
      const equals = expression.includes('=') ? ' (= alone is not one)' : ''
      return problem(`"${expression}" compares nothing: write it with <, <=, > or >=${equals}, ${EXAMPLE}.`)
    }
    return problem(`"${expression}" is not a condition: write METRIC<VALUE, ${EXAMPLE}.`)
  }
  const [, name, operator, valueText] = shape
  const metric = name.toLowerCase() as ThresholdMetric
  if (!(THRESHOLD_METRICS as readonly string[]).includes(metric)) {
    return problem(`"${name}" is not a metric: use ${METRIC_NAMES}.`)
  }
  const number = NUMBER.exec(valueText.trim())
  const unit = number?.[2].toLowerCase() ?? ''
  const amount = number ? Number(number[1]) : Number.NaN
  const value = valueIn(metricKind(metric), amount, unit)
  if (typeof value === 'string') return problem(`${expression}: ${value}`)
  return { ok: true, threshold: { expression, metric, operator: operator as ThresholdOperator, value } }
}

/** The value in the metric's unit, or what is wrong with it. */
function valueIn(kind: MetricKind, amount: number, unit: string): number | string {
  switch (kind) {
    case 'latency': {
      const scale = LATENCY_UNITS[unit]
      if (Number.isNaN(amount) || scale === undefined) return 'give a time, such as 250ms, 0.25s or 800us.'
      return amount * scale
    }
    case 'rate':
      if (Number.isNaN(amount) || unit !== '%') return 'give a percentage, such as 1% or 0.5%.'
      if (amount > 100) return 'a rate is at most 100%.'
      return amount / 100
    case 'rps':
      if (Number.isNaN(amount) || (unit !== '' && unit !== '/s')) return 'give requests a second, such as 500.'
      return amount
  }
}

function problem(message: string): ThresholdParse {
  return { ok: false, message }
}

/**
 * How a threshold stands. At the end of a run it is 'passed' or 'failed'. While the run goes:
 * - 'failed' / 'passed': settled already, whatever happens next: `max<X` once a max of X or more
 *   has been seen (max only grows), `max>X` once one above X has; a rate in a run bounded by a
 *   request count once the requests left could no longer change the outcome.
 * - 'failing' / 'passing': the condition does not hold / holds on the figures so far, and may still
 *   change (percentiles, means, rps and other rates go both ways).
 * - 'waiting': nothing to judge yet (a latency before the first response). At the end, a latency
 *   threshold with no response to judge is 'failed': it could not be shown to hold.
 */
export type ThresholdStatus = 'passed' | 'failed' | 'passing' | 'failing' | 'waiting'

export interface ThresholdCheck {
  expression: string
  /** The step it was judged on; absent: the whole run. */
  step?: string
  metric: ThresholdMetric
  status: ThresholdStatus
  /** status === 'passed' (always false until it is settled). */
  passed: boolean
  /** The metric's figure, in its unit (see Threshold.value); null when there is none. */
  actual: number | null
}

/** Judges every threshold on a snapshot: `final` for the run's result, live otherwise. */
export function evaluateThresholds(
  thresholds: readonly Threshold[],
  snapshot: RunSnapshot,
  { final }: { final: boolean }
): ThresholdCheck[] {
  const runOutcomes = classifyOutcomes(snapshot)
  return thresholds.map((threshold) => {
    const judged = threshold.step === undefined ? snapshot : stepSnapshotOf(threshold.step, snapshot)
    const outcomes = judged === snapshot ? runOutcomes : judged && classifyOutcomes(judged)
    // A step the run has no figures of (yet) has nothing to judge.
    const actual = judged && outcomes ? actualOf(threshold.metric, judged, outcomes) : null
    const live = final ? undefined : judged && outcomes ? settledRange(threshold, judged, outcomes) : OPEN_RANGE
    const status = statusOf(threshold, actual, live)
    const scope = threshold.step === undefined ? {} : { step: threshold.step }
    return { expression: threshold.expression, ...scope, metric: threshold.metric, status, passed: status === 'passed', actual }
  })
}

function stepSnapshotOf(name: string, snapshot: RunSnapshot): RunSnapshot | undefined {
  const step = snapshot.steps?.find((candidate) => candidate.name === name)
  return step && stepAsSnapshot(step, snapshot)
}

const OPEN_RANGE: [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]

function statusOf(threshold: Threshold, actual: number | null, live: [number, number] | undefined): ThresholdStatus {
  if (actual === null) return live ? 'waiting' : 'failed'
  const holds = compare(actual, threshold)
  if (!live) return holds ? 'passed' : 'failed'
  // `live` bounds every value the metric can still end at: settled if the condition agrees on both ends.
  const [low, high] = live
  const atLow = compare(low, threshold)
  const atHigh = compare(high, threshold)
  if (atLow === atHigh) return atLow ? 'passed' : 'failed'
  return holds ? 'passing' : 'failing'
}

function compare(actual: number, { operator, value }: Threshold): boolean {
  switch (operator) {
    case '<':
      return actual < value
    case '<=':
      return actual <= value
    case '>':
      return actual > value
    case '>=':
      return actual >= value
  }
}

type Outcomes = ReturnType<typeof classifyOutcomes>

export function metricKind(metric: ThresholdMetric): MetricKind {
  if (metric === 'rps') return 'rps'
  if (metric.endsWith('_rate') || metric === 'checks') return 'rate'
  return 'latency'
}

/** A latency metric's place: in the time-to-first-byte summary or the latency one, and which field. */
export function latencyFieldOf(metric: ThresholdMetric): { ttfb: boolean; field: keyof LatencySummary } {
  const ttfb = metric.startsWith('ttfb_')
  const name = (ttfb ? metric.slice('ttfb_'.length) : metric) as LatencyName
  return { ttfb, field: LATENCY_FIELDS[name] }
}

function latencyOf(metric: ThresholdMetric, snapshot: RunSnapshot): { summary: LatencySummary; field: keyof LatencySummary } {
  const { ttfb, field } = latencyFieldOf(metric)
  return { summary: ttfb ? snapshot.ttfbMs : snapshot.latencyMs, field }
}

function actualOf(metric: ThresholdMetric, snapshot: RunSnapshot, outcomes: Outcomes): number | null {
  switch (metricKind(metric)) {
    case 'rps':
      return snapshot.requestsPerSecond
    case 'rate':
      if (metric === 'checks') return checkPassRate(snapshot.checks ?? { passed: 0, failed: 0 })
      return metric === 'error_rate' ? errorRate(outcomes) : clientOrServerErrorRate(outcomes)
    case 'latency': {
      if (outcomes.completed === 0) return null
      const { summary, field } = latencyOf(metric, snapshot)
      return summary[field]
    }
  }
}

/**
 * The range the metric's final value must fall in, given what has been seen, when that is narrower
 * than "anything": a max can only grow; a rate of a run bounded by a count of `total` requests ends
 * between (bad so far) / total and (bad so far + requests left) / total. Otherwise [-∞, +∞].
 */
function settledRange(threshold: Threshold, snapshot: RunSnapshot, outcomes: Outcomes): [number, number] {
  const open = OPEN_RANGE
  const { metric } = threshold
  if (metricKind(metric) === 'latency') {
    if (outcomes.completed === 0 || !(metric === 'max' || metric === 'ttfb_max')) return open
    return [latencyOf(metric, snapshot).summary.max, Number.POSITIVE_INFINITY]
  }
  // Checks run as responses arrive: no bound on what is left of them.
  if (metricKind(metric) === 'rate' && metric !== 'checks' && snapshot.total > 0) {
    const bad = metric === 'error_rate' ? outcomes.clientOrServerError + outcomes.failed : outcomes.clientOrServerError
    const left = Math.max(0, snapshot.total - snapshot.done)
    return [bad / snapshot.total, (bad + left) / snapshot.total]
  }
  return open
}

/** The threshold's actual figure as people read it: "212 ms", "0.40%", "1,234 req/s", or "none". */
export function formatThresholdActual(metric: ThresholdMetric, actual: number | null): string {
  if (actual === null) return metric === 'checks' ? 'none: no check ran' : 'none: no response arrived'
  switch (metricKind(metric)) {
    case 'latency':
      return formatLatency(actual)
    case 'rate':
      // Floored: 99.96% of checks passed is not 100%.
      return metric === 'checks' ? formatPercent(actual, 1) : formatErrorRate(actual)
    case 'rps':
      return `${formatRate(actual)} req/s`
  }
}

/** How many thresholds a run may carry, and how long each may be: bounds on what main accepts. */
export const THRESHOLD_LIMITS = { count: 20, length: 200 } as const

export type ThresholdListParse = { ok: true; thresholds: Threshold[] } | { ok: false; message: string }

/**
 * A list of expressions as it arrives from the window (untrusted): an array of at most
 * THRESHOLD_LIMITS.count strings, each parsed by parseThreshold. Missing is an empty list.
 */
export function parseThresholdList(list: unknown): ThresholdListParse {
  if (list === undefined) return { ok: true, thresholds: [] }
  if (!Array.isArray(list) || list.length > THRESHOLD_LIMITS.count) {
    return { ok: false, message: `Thresholds must be a list of at most ${THRESHOLD_LIMITS.count} conditions.` }
  }
  const thresholds: Threshold[] = []
  for (const text of list) {
    if (typeof text !== 'string' || text.length > THRESHOLD_LIMITS.length) {
      return { ok: false, message: `Each threshold must be a condition of at most ${THRESHOLD_LIMITS.length} characters.` }
    }
    const parsed = parseThreshold(text)
    if (!parsed.ok) return { ok: false, message: `Threshold refused: ${parsed.message}` }
    thresholds.push(parsed.threshold)
  }
  return { ok: true, thresholds }
}

/**
 * A step's own `thresholds:` of a test file (as written, `p99<250ms`), each judged on that step
 * alone and named with it (`item: p99<250ms`); or the first that does not parse, with its step.
 */
export function parseStepThresholds(steps: ReadonlyArray<Pick<StepDefinition, 'name' | 'method' | 'url' | 'thresholds'>>): ThresholdListParse {
  const thresholds: Threshold[] = []
  for (const step of steps) {
    const name = stepName(step)
    for (const text of step.thresholds) {
      const parsed = parseCondition(text.trim())
      if (!parsed.ok) return { ok: false, message: `step "${name}": ${parsed.message}` }
      const scoped = scopedTo(name, parsed.threshold)
      if (scoped.ok) thresholds.push(scoped.threshold)
    }
  }
  return { ok: true, thresholds }
}

/**
 * Why thresholds cannot be judged on these steps: one names a step the test does not have (checked
 * before anything is sent), or undefined. `stepNames` are the test's steps, none for a one-request test.
 */
export function unknownStepProblem(thresholds: readonly Threshold[], stepNames: readonly string[]): string | undefined {
  const unknown = thresholds.find((threshold) => threshold.step !== undefined && !stepNames.includes(threshold.step))
  if (!unknown) return undefined
  if (stepNames.length === 0) return `"${unknown.expression}" names the step "${unknown.step}", but this test is one request with no steps.`
  const names = stepNames.map((name) => `"${name}"`).join(', ')
  return `"${unknown.expression}": this test has no step named "${unknown.step}" (its steps: ${names}).`
}

/**
 * The thresholds a run of the window is judged by, in main and live on screen alike: those typed,
 * then each sent step's own (as the CLI adds a test file's). Refused when a step's does not parse
 * or one names a step the run does not send.
 */
export function withStepThresholds(typed: readonly Threshold[], steps: ReadonlyArray<Pick<StepDefinition, 'name' | 'method' | 'url' | 'thresholds' | 'disabled'>> = []): ThresholdListParse {
  const sentSteps = steps.filter((step) => step.disabled !== true)
  const ofSteps = parseStepThresholds(sentSteps)
  if (!ofSteps.ok) return { ok: false, message: `Threshold refused: ${ofSteps.message}` }
  const thresholds = [...typed, ...ofSteps.thresholds]
  const problem = unknownStepProblem(thresholds, sentSteps.map(stepName))
  return problem === undefined ? { ok: true, thresholds } : { ok: false, message: `Threshold refused: ${problem}` }
}
