import { LATENCY_UNITS, metricKind, THRESHOLD_METRICS, type ThresholdMetric } from '../thresholds'
import type { RunComparison } from './run-comparison'

/**
 * Limits on how far a new run may move from its base, for `stampede compare --fail-on`: a pipeline
 * gating on "no slower than the baseline". The limit says when to fail: `p99>+10%` fails when the new
 * p99 is more than 10% above the base's.
 *
 * Grammar: METRIC OPERATOR CHANGE, spaces allowed around the operator; the metrics of thresholds
 * (src/shared/thresholds.ts); operators > and <; the change signed (no sign is +):
 * - Latency: a percentage of the base (relative, `p99>+10%`) or a time (absolute, `p99>+20ms`,
 *   `+0.5s`, `+800us`; no unit is ms).
 * - rps: a percentage of the base (`rps<-5%`) or requests a second (`rps<-50`).
 * - Rates: always absolute, in percentage points: `error_rate>+0.5%` fails when the error rate rises
 *   by more than half a point (1% to more than 1.5%), whatever it was. A relative change of a rate
 *   near 0 means nothing (0.01% to 0.02% is +100%).
 * Equal to the limit passes. A figure that is missing (no response in a run, a base of 0 for a
 * relative limit) fails: it cannot be shown to be within the limit.
 *
 * `STEP: LIMIT` (`log in: p99>+10%`) judges one step of two flows, matched by name, as thresholds
 * name a step (src/shared/thresholds.ts): the last colon divides the step from the limit.
 */

export type FailOnOperator = '>' | '<'

export interface FailOnLimit {
  /** As typed, trimmed (`log in: p99>+10%` for a step's). */
  expression: string
  /** Judged on this step of both runs alone; absent: on the whole runs. */
  step?: string
  metric: ThresholdMetric
  operator: FailOnOperator
  /** 'relative': value is a share of the base (0.1 is +10%); 'absolute': a change in the metric's unit. */
  measure: 'relative' | 'absolute'
  /** Signed: for rates a difference of fractions (0.005 is +0.5 percentage points). */
  value: number
}

export type FailOnParse = { ok: true; limit: FailOnLimit } | { ok: false; message: string }

export interface FailOnCheck {
  expression: string
  step?: string
  metric: ThresholdMetric
  measure: FailOnLimit['measure']
  /** The change was within the limit. */
  passed: boolean
  /** The change the limit judged: relativeChange or change of the metric's MetricDelta; null when there was none. */
  actual: number | null
}

const EXAMPLE = 'such as p99>+10%, p99>+20ms, rps<-5% or error_rate>+0.5%'
const SHAPE = /^([a-z0-9_.]+)\s*(<=|>=|<|>|=)\s*(.+)$/i
const CHANGE = /^([+-]?)\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zµ%/]*)$/i

export function parseFailOn(text: string): FailOnParse {
  const trimmed = text.trim()
  const colon = trimmed.lastIndexOf(':')
  if (colon === -1) return parseLimit(trimmed)
  const step = trimmed.slice(0, colon).trim()
  if (step === '') return problem(`"${trimmed}": name the step before the colon, such as "log in: p99>+10%".`)
  const parsed = parseLimit(trimmed.slice(colon + 1).trim())
  if (!parsed.ok) return problem(`step "${step}": ${parsed.message}`)
  return { ok: true, limit: { ...parsed.limit, expression: `${step}: ${parsed.limit.expression}`, step } }
}

function parseLimit(expression: string): FailOnParse {
  if (expression === '') return problem(`Write a limit, ${EXAMPLE}.`)
  const shape = SHAPE.exec(expression)
  if (!shape) {
    if (!/[<>=]/.test(expression)) return problem(`"${expression}" compares nothing: write it with > or <, ${EXAMPLE}.`)
    return problem(`"${expression}" is not a limit: write METRIC>CHANGE, ${EXAMPLE}.`)
  }
  const [, name, operator, changeText] = shape
  if (operator !== '>' && operator !== '<') {
    return problem(`"${expression}": use > or < (the limit is exceeded past the change given), ${EXAMPLE}.`)
  }
  const metric = name.toLowerCase() as ThresholdMetric
  if (!(THRESHOLD_METRICS as readonly string[]).includes(metric)) {
    return problem(`"${name}" is not a metric: use p50, p90, p99, p99.9, p99.99, max, mean, ttfb_p99 (any of those with ttfb_), error_rate, client_or_server_error_rate, rps or checks.`)
  }
  const change = CHANGE.exec(changeText.trim())
  const parsed = change ? changeIn(metric, change[1] === '-' ? -Number(change[2]) : Number(change[2]), change[3].toLowerCase()) : undefined
  if (!parsed) return problem(`${expression}: ${CHANGE_HINTS[metricKind(metric)]}`)
  return { ok: true, limit: { expression, metric, operator, ...parsed } }
}

const CHANGE_HINTS = {
  latency: 'give a change as a percentage of the base (+10%) or a time (+20ms, +0.5s).',
  rate: 'give a change in percentage points, such as +0.5% (an error rate of 1% becoming 1.5%).',
  rps: 'give a change as a percentage of the base (-5%) or in requests a second (-50).'
} as const

function changeIn(metric: ThresholdMetric, amount: number, unit: string): Pick<FailOnLimit, 'measure' | 'value'> | undefined {
  switch (metricKind(metric)) {
    case 'latency': {
      if (unit === '%') return { measure: 'relative', value: amount / 100 }
      const scale = LATENCY_UNITS[unit]
      return scale === undefined ? undefined : { measure: 'absolute', value: amount * scale }
    }
    case 'rate':
      return unit === '%' || unit === 'pp' ? { measure: 'absolute', value: amount / 100 } : undefined
    case 'rps':
      if (unit === '%') return { measure: 'relative', value: amount / 100 }
      return unit === '' || unit === '/s' ? { measure: 'absolute', value: amount } : undefined
  }
}

function problem(message: string): FailOnParse {
  return { ok: false, message }
}

/** Judges each limit on the comparison's deltas, in the order given. */
export function evaluateFailOn(limits: readonly FailOnLimit[], comparison: RunComparison): FailOnCheck[] {
  return limits.map(({ expression, step, metric, operator, measure, value }) => {
    const metrics = step === undefined ? comparison.metrics : comparison.steps?.find((candidate) => candidate.name === step)?.metrics
    const delta = metrics?.find((candidate) => candidate.metric === metric)
    const actual = (measure === 'relative' ? delta?.relativeChange : delta?.change) ?? null
    const exceeded = actual === null || (operator === '>' ? actual > value : actual < value)
    return { expression, ...(step === undefined ? {} : { step }), metric, measure, passed: !exceeded, actual }
  })
}

/**
 * Why limits cannot be judged on these runs: one names a step that is not in both (checked before
 * comparing, as a typo must not read as a regression), or undefined.
 */
export function unknownFailOnStep(limits: readonly FailOnLimit[], comparison: RunComparison): string | undefined {
  const both = (comparison.steps ?? []).map((step) => step.name)
  const unknown = limits.find((limit) => limit.step !== undefined && !both.includes(limit.step))
  if (!unknown) return undefined
  const names = both.length === 0 ? 'none' : both.map((name) => `"${name}"`).join(', ')
  return `"${unknown.expression}": the step "${unknown.step}" is not in both runs (the steps they share: ${names}).`
}

/** Every limit passed (true when none was given). */
export function failOnPassed(checks: readonly FailOnCheck[]): boolean {
  return checks.every((check) => check.passed)
}
