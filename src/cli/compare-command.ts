import { readFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { comparisonText, failOnLines } from '../shared/compare/comparison-text'
import { evaluateFailOn, failOnPassed, parseFailOn, unknownFailOnStep, type FailOnCheck, type FailOnLimit } from '../shared/compare/fail-on'
import { compareReports, type RunComparison } from '../shared/compare/run-comparison'
import { formatBytes } from '../shared/format'
import { parseReportText, REPORT_FILE_MAX_BYTES } from '../shared/report/report-file'
import type { RunReport } from '../shared/report/run-report'
import { compareUsageText } from './usage'

/**
 * `stampede compare BASE.json NEW.json [--fail-on EXPR]... [--json]`: two run reports (what --json
 * prints, or a JSON report file) compared by src/shared/compare, the same numbers the app shows.
 * Exit status: 0 when every --fail-on limit passed (or none was given), 3 when one was exceeded,
 * 2 for bad arguments or a file that is not a report. Never 1: a valid comparison is not a failure.
 */

export const COMPARE_EXIT = { passed: 0, usage: 2, exceeded: 3 } as const

export interface CompareOutput {
  stdout(text: string): void
  stderr(text: string): void
}

const OPTIONS = {
  'fail-on': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/** Runs the command with the arguments after `compare`; returns the exit status. */
export function runCompare(argv: string[], output: CompareOutput): number {
  const command = compareCommandOf(argv)
  if ('help' in command) {
    output.stdout(compareUsageText())
    return COMPARE_EXIT.passed
  }
  if ('problem' in command) {
    output.stderr(`stampede compare: ${command.problem}\nRun stampede compare --help for usage.\n`)
    return COMPARE_EXIT.usage
  }
  const comparison = compareReports(command.base.report, command.next.report)
  const stepProblem = unknownFailOnStep(command.limits, comparison)
  if (stepProblem) {
    output.stderr(`stampede compare: --fail-on: ${stepProblem}\nRun stampede compare --help for usage.\n`)
    return COMPARE_EXIT.usage
  }
  const checks = evaluateFailOn(command.limits, comparison)
  output.stdout(command.json ? `${JSON.stringify(comparisonJson(command, comparison, checks))}\n` : comparisonReport(command, comparison, checks))
  return failOnPassed(checks) ? COMPARE_EXIT.passed : COMPARE_EXIT.exceeded
}

interface ReportFile {
  path: string
  report: RunReport
}

interface CompareCommand {
  base: ReportFile
  next: ReportFile
  limits: FailOnLimit[]
  json: boolean
}

function compareCommandOf(argv: string[]): CompareCommand | { help: true } | { problem: string } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    return { problem: (error as Error).message.replace(/\s*\n\s*/g, ' ') }
  }
  const { values, positionals } = parsed
  if (values.help) return { help: true }
  if (positionals.length !== 2) {
    const given = positionals.length === 0 ? 'none' : `${positionals.length}: ${positionals.join(' ')}`
    return { problem: `give two report files, the base run's and the new run's, such as baseline.json new.json (given ${given}).` }
  }
  const limits: FailOnLimit[] = []
  for (const text of values['fail-on'] ?? []) {
    const limit = parseFailOn(text)
    if (!limit.ok) return { problem: `--fail-on: ${limit.message}` }
    limits.push(limit.limit)
  }
  const base = readReportFile(positionals[0], 'the base run')
  if ('problem' in base) return base
  const next = readReportFile(positionals[1], 'the new run')
  if ('problem' in next) return next
  return { base, next, limits, json: values.json === true }
}

/** The report in the file at `path`, or what is wrong, naming the file. */
function readReportFile(path: string, role: string): ReportFile | { problem: string } {
  const problem = (what: string): { problem: string } => ({ problem: `${path} (${role}): ${what}` })
  let text: string
  try {
    const { size } = statSync(path)
    if (size > REPORT_FILE_MAX_BYTES) {
      return problem(`${formatBytes(size)} is too large for a run report (at most ${formatBytes(REPORT_FILE_MAX_BYTES)}).`)
    }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return problem(readProblem(error as NodeJS.ErrnoException))
  }
  const parsed = parseReportText(text)
  return parsed.ok ? { path, report: parsed.report } : problem(parsed.message)
}

function readProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file.'
    case 'EISDIR':
      return 'it is a folder, not a file.'
    case 'EACCES':
      return 'not readable (permission denied).'
    default:
      return `could not be read (${error.code ?? error.message}).`
  }
}

/** The readable comparison: which runs, the delta table, the settings, and each limit's verdict. */
function comparisonReport(command: CompareCommand, comparison: RunComparison, checks: FailOnCheck[]): string {
  const runLine = (label: string, { path, report }: ReportFile): string =>
    `${label} ${path}: ${report.method} ${report.url}${report.startedAt ? `, started ${report.startedAt}` : ''}, ${report.outcome}`
  const limits = failOnLines(checks)
  return [
    runLine('Base', command.base),
    runLine('New ', command.next),
    '',
    comparisonText(comparison),
    ...(limits.length > 0 ? [`${limits.join('\n')}\n`] : [])
  ].join('\n')
}

/** What --json prints: one object, the comparison's own numbers (src/shared/compare/run-comparison.ts). */
function comparisonJson(command: CompareCommand, comparison: RunComparison, checks: FailOnCheck[]): object {
  const run = ({ path, report }: ReportFile): object => ({
    file: path,
    url: report.url,
    method: report.method,
    startedAt: report.startedAt ?? null,
    outcome: report.outcome
  })
  return { base: run(command.base), next: run(command.next), ...comparison, failOn: checks }
}
