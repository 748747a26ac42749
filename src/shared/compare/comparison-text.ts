import { formatRelativeChange } from '../format'
import { formatMetricChange, formatMetricValue, formatRelative, NO_FIGURE } from './delta-format'
import type { FailOnCheck } from './fail-on'
import { STEP_TABLE_METRICS, TABLE_METRICS, type MetricDelta, type RunComparison } from './run-comparison'
import type { SettingDifference } from './setting-differences'
import { alignedRows, oneLine } from '../report/report-text'

/** A comparison as plain text: the table `stampede compare` prints, the settings that differ, and why it is suspect. */
export function comparisonText(comparison: RunComparison): string {
  const rows = comparison.metrics.filter((delta) => TABLE_METRICS.includes(delta.metric)).map(deltaCells)
  const lines = alignedRows([['Metric', 'Base', 'New', 'Change', '', ''], ...rows], DELTA_ALIGNMENTS)
  lines.push(...stepLines(comparison.steps))
  lines.push('', ...settingsLines(comparison.settings))
  const warning = suspectWarning(comparison)
  if (warning) lines.push('', `Warning: ${warning}`)
  return `${lines.join('\n')}\n`
}

const DELTA_ALIGNMENTS = ['left', 'right', 'right', 'right', 'right', 'left'] as const

/** Each step both runs have, its rows under its name, all aligned as one table. */
function stepLines(steps: RunComparison['steps']): string[] {
  if (steps === undefined) return []
  if (steps.length === 0) return ['', 'Steps: none in both runs.']
  const rows: string[][] = [['Step', 'Base', 'New', 'Change', '', '']]
  for (const step of steps) {
    rows.push([oneLine(step.name), '', '', '', '', ''])
    for (const delta of step.metrics.filter((candidate) => STEP_TABLE_METRICS.includes(candidate.metric))) {
      const [label, ...cells] = deltaCells(delta)
      rows.push([`  ${label}`, ...cells])
    }
  }
  return ['', ...alignedRows(rows, DELTA_ALIGNMENTS)]
}

/** One row's cells: label, base, new, change, relative change, verdict (blank when unchanged). */
export function deltaCells(delta: MetricDelta): string[] {
  return [
    delta.label,
    formatMetricValue(delta.metric, delta.base),
    formatMetricValue(delta.metric, delta.next),
    formatMetricChange(delta.metric, delta.change),
    formatRelative(delta.relativeChange),
    delta.verdict === 'unknown' ? '' : delta.verdict
  ]
}

/** "Limits: 1 of 2 exceeded", then each limit's verdict and the change it judged. */
export function failOnLines(checks: readonly FailOnCheck[]): string[] {
  if (checks.length === 0) return []
  const exceeded = checks.filter((check) => !check.passed).length
  const rows = checks.map((check) => [`  ${check.passed ? 'passed' : 'exceeded'}`, check.expression, `(${failOnActualText(check)})`])
  return [`Limits: ${exceeded === 0 ? 'all passed' : `${exceeded} of ${checks.length} exceeded`}`, ...alignedRows(rows, ['left', 'left', 'left'])]
}

/** The change a limit judged: "+300%", "+30.0 ms", "+0.50 pp", or why there was none. */
export function failOnActualText(check: FailOnCheck): string {
  if (check.actual === null) {
    const why = check.measure === 'relative' ? 'no relative change: a figure is missing, or the base is 0' : 'a figure is missing from a run'
    return `${NO_FIGURE} ${why}`
  }
  return check.measure === 'relative' ? formatRelativeChange(check.actual) : formatMetricChange(check.metric, check.actual)
}

function settingsLines(settings: readonly SettingDifference[]): string[] {
  if (settings.length === 0) return ['Settings: the same in both runs.']
  const rows = settings.map((difference) => [
    `  ${difference.setting}`,
    difference.base,
    '→',
    difference.next,
    difference.suspect ? '(suspect)' : ''
  ])
  return ['Settings that differ:', ...alignedRows(rows, ['left', 'left', 'left', 'left', 'left'])]
}

/**
 * Why the comparison is suspect, in a sentence, or undefined when it is not: another URL, load or
 * layout, a run cut short, or a generator that could not keep up.
 */
export function suspectWarning(comparison: RunComparison): string | undefined {
  const reasons: string[] = []
  const differing: string[] = []
  for (const difference of comparison.settings) {
    if (!difference.suspect) continue
    if (difference.why !== undefined) reasons.push(difference.why)
    else if (difference.setting === 'Outcome') reasons.push(...outcomeReasons(difference))
    else if (difference.setting === 'Generator') reasons.push(...generatorReasons(difference))
    else differing.push(difference.setting === 'URL' ? 'URL' : difference.setting.toLowerCase())
  }
  if (differing.length > 0) reasons.unshift(`the runs differ in ${listText(differing)}`)
  if (reasons.length === 0) return undefined
  return `this comparison is suspect: ${listText(reasons)}, so the deltas are not the new build's alone.`
}

function outcomeReasons(difference: SettingDifference): string[] {
  const reasons: string[] = []
  for (const [run, outcome] of [['base', difference.base], ['new', difference.next]] as const) {
    if (outcome === 'cancelled') reasons.push(`the ${run} run was cancelled`)
    if (outcome === 'crashed') reasons.push(`the ${run} run crashed`)
  }
  return reasons
}

function generatorReasons(difference: SettingDifference): string[] {
  return (['base', 'new'] as const)
    .filter((_run, index) => [difference.base, difference.next][index] === 'generator-limited')
    .map((run) => `the load generator, not the target, limited the ${run} run`)
}

/** "a", "a and b", "a, b and c". */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}
