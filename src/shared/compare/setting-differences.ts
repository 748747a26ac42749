import { formatBytes, formatCount, formatDuration } from '../format'
import { oneLine, PROTOCOL_NAMES } from '../report/report-text'
import type { RunReport } from '../report/run-report'

/**
 * The settings of two runs that differ, each as people read it. A difference is suspect when it
 * changes what is measured (another URL, load or process layout), so the deltas are not the
 * build's alone; one that changes only how long or how much (requests, duration, timeout, headers,
 * body size) is listed but not suspect.
 */

export interface SettingDifference {
  /** For people: 'URL', 'Workers', 'Outcome'. */
  setting: string
  base: string
  next: string
  suspect: boolean
  /** Why it makes the comparison suspect, when the setting's name alone does not say (the steps). */
  why?: string
}

interface SettingRow {
  setting: string
  suspect: boolean
  text: (report: RunReport) => string
}

const NONE = 'none'

const SETTINGS: readonly SettingRow[] = [
  { setting: 'URL', suspect: true, text: (report) => report.url },
  { setting: 'Method', suspect: true, text: (report) => report.method },
  { setting: 'Model', suspect: true, text: (report) => `${report.settings.model} model` },
  { setting: 'Rate', suspect: true, text: ({ settings }) => (settings.ratePerSecond === undefined ? NONE : `${formatCount(settings.ratePerSecond)} req/s`) },
  { setting: 'Connections', suspect: true, text: ({ settings }) => formatCount(settings.connections) },
  // More requests in flight on each connection is more load, as more connections are.
  { setting: 'Pipelining', suspect: true, text: ({ settings }) => formatCount(settings.pipelining) },
  { setting: 'Workers', suspect: true, text: ({ settings }) => formatCount(settings.workers) },
  { setting: 'Shape', suspect: true, text: ({ settings }) => stagesText(settings.stages) },
  { setting: 'Protocol', suspect: true, text: ({ settings }) => PROTOCOL_NAMES[settings.protocol] },
  { setting: 'Requests', suspect: false, text: ({ settings }) => (settings.totalRequests === undefined ? NONE : formatCount(settings.totalRequests)) },
  { setting: 'Duration', suspect: false, text: ({ settings }) => (settings.durationMs === undefined ? NONE : formatDuration(settings.durationMs)) },
  { setting: 'Timeout', suspect: false, text: ({ settings }) => formatDuration(settings.timeoutMs) },
  { setting: 'Header names', suspect: false, text: ({ settings }) => (settings.headerNames.length === 0 ? NONE : settings.headerNames.join(', ')) },
  { setting: 'Body', suspect: false, text: ({ settings }) => (settings.bodyBytes === 0 ? NONE : formatBytes(settings.bodyBytes)) },
  { setting: 'Insecure TLS', suspect: false, text: ({ settings }) => (settings.insecure ? 'yes' : 'no') }
]

export function settingDifferences(base: RunReport, next: RunReport): SettingDifference[] {
  const differences: SettingDifference[] = []
  for (const { setting, suspect, text } of SETTINGS) {
    const [baseText, nextText] = [text(base), text(next)]
    if (baseText !== nextText) differences.push({ setting, base: baseText, next: nextText, suspect })
  }
  const steps = stepsDifference(base, next)
  if (steps) differences.push(steps)
  // A run cut short (cancelled, crashed) measured part of its load: listed even when both were.
  if (base.outcome !== 'finished' || next.outcome !== 'finished') {
    differences.push({ setting: 'Outcome', base: base.outcome, next: next.outcome, suspect: true })
  }
  // A run the generator limited measured the generator, not the target (src/shared/generator-health.ts).
  if (generatorLimited(base) || generatorLimited(next)) {
    differences.push({ setting: 'Generator', base: healthText(base), next: healthText(next), suspect: true })
  }
  return differences
}

/**
 * The steps of two flows, when they differ: another name or another order measures another
 * journey, so the run's figures (the sum over the steps) are not comparable as they stand.
 */
function stepsDifference(base: RunReport, next: RunReport): SettingDifference | undefined {
  if (base.steps === undefined && next.steps === undefined) return undefined
  const [baseNames, nextNames] = [base.steps ?? [], next.steps ?? []].map((steps) => steps.map((step) => oneLine(step.name)))
  const text = (names: string[]): string => (names.length === 0 ? 'none (one request)' : names.join(' → '))
  if (text(baseNames) === text(nextNames)) return undefined
  const onlyBase = baseNames.filter((name) => !nextNames.includes(name))
  const onlyNext = nextNames.filter((name) => !baseNames.includes(name))
  const quoted = (names: string[]): string => names.map((name) => `"${name}"`).join(', ')
  const reasons = [
    ...(onlyBase.length > 0 ? [`${quoted(onlyBase)} only in the base run`] : []),
    ...(onlyNext.length > 0 ? [`${quoted(onlyNext)} only in the new run`] : [])
  ]
  const why = reasons.length > 0 ? `the steps differ (${reasons.join('; ')})` : 'the steps are the same but in another order'
  return { setting: 'Steps', base: text(baseNames), next: text(nextNames), suspect: true, why }
}

/** "1.00 s to 200, 30.0 s to 200"; none for a constant load. */
function stagesText(stages: RunReport['settings']['stages']): string {
  if (!stages || stages.length === 0) return NONE
  return stages.map((stage) => `${formatDuration(stage.durationMs)} to ${formatCount(stage.target)}`).join(', ')
}

function generatorLimited(report: RunReport): boolean {
  return report.health?.verdict === 'generator-limited'
}

function healthText(report: RunReport): string {
  return report.health?.verdict ?? 'not judged'
}
