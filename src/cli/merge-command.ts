import { parseArgs } from 'node:util'
import { mergeSegments } from '../control/segment-merge'
import { readSegmentLines } from '../control/segment-stream'
import { jsonOutput } from '../shared/report/run-report'
import type { MergedReport, SegmentReport } from '../shared/segment-result'
import { parseThreshold, type Threshold } from '../shared/thresholds'
import type { ReportFormat, RunCommand } from './arguments'
import { writeReportFiles } from './report-files'
import { summaryText } from './summary'
import { mergeUsageText } from './distributed-usage'

/**
 * `stampede merge FILE... | - [--json] [--report FILE] [--csv FILE] [--junit FILE] [--threshold EXPR]...`:
 * the segments' results (src/control/segment-stream.ts finds them among other lines) merged exactly
 * (src/control/segment-merge.ts), thresholds judged once on the merge. Exit status as for a run:
 * 0 whole and every threshold passed, 3 whole with a threshold failed, 1 not whole (a segment
 * missing or cut short) or a file not written, 2 refused (bad flags, different tests, a segment twice).
 */

export const MERGE_EXIT = { passed: 0, incomplete: 1, usage: 2, thresholdFailed: 3 } as const

export interface MergeEnvironment {
  stdout(text: string): void
  stderr(text: string): void
  readFile(path: string): string
  readStdin(): Promise<string>
  /** Why a file could not be written at `path`, if so (as for run's --report). */
  outputProblem(path: string): string | undefined
}

const OPTIONS = {
  json: { type: 'boolean' },
  report: { type: 'string' },
  csv: { type: 'string' },
  junit: { type: 'string' },
  threshold: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' }
} as const

const REPORT_FORMATS: ReadonlyArray<[RegExp, ReportFormat]> = [
  [/\.html?$/i, 'html'],
  [/\.json$/i, 'json'],
  [/\.md$/i, 'markdown']
]

export async function runMerge(argv: string[], environment: MergeEnvironment): Promise<number> {
  const refuse = (message: string): number => {
    environment.stderr(`stampede merge: ${message}\n`)
    return MERGE_EXIT.usage
  }
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    return refuse(`${(error as Error).message.replace(/\s*\n\s*/g, ' ')}\nRun stampede merge --help for usage.`)
  }
  const { values, positionals } = parsed
  if (values.help) {
    environment.stdout(mergeUsageText())
    return MERGE_EXIT.passed
  }
  if (positionals.length === 0) return refuse('give the segments\' result files, or - to read them from stdin (kubectl logs … | stampede merge -).')
  const given: Threshold[] = []
  for (const text of values.threshold ?? []) {
    const threshold = parseThreshold(text)
    if (!threshold.ok) return refuse(`--threshold: ${threshold.message}`)
    given.push(threshold.threshold)
  }
  const outputs: RunCommand['outputs'] = {}
  if (values.report !== undefined) {
    const format = REPORT_FORMATS.find(([extension]) => extension.test(values.report as string))?.[1]
    if (!format) return refuse(`--report: name a file ending in .html, .json or .md, not ${values.report}.`)
    outputs.report = { path: values.report, format }
  }
  if (values.csv !== undefined) outputs.csv = values.csv
  if (values.junit !== undefined) outputs.junit = values.junit
  for (const [flag, path] of [['--report', outputs.report?.path], ['--csv', outputs.csv], ['--junit', outputs.junit]] as const) {
    const problem = path === undefined ? undefined : environment.outputProblem(path)
    if (problem) return refuse(`${flag}: cannot write ${path}: ${problem}`)
  }

  const segments: SegmentReport[] = []
  for (const source of positionals) {
    let text: string
    try {
      text = source === '-' ? await environment.readStdin() : environment.readFile(source)
    } catch (error) {
      return refuse(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
    }
    const read = readSegmentLines(text, source === '-' ? 'stdin' : source)
    // A line cut off is a segment the merge cannot count: said here, and missing in the result.
    for (const problem of read.problems) environment.stderr(`stampede merge: ${problem}\n`)
    segments.push(...read.segments)
  }

  // The command line's thresholds replace the test file's, as for a run.
  const thresholds = values.threshold ? given : fileThresholds(segments)
  if (typeof thresholds === 'string') return refuse(thresholds)
  const merge = mergeSegments(segments, thresholds)
  if (!merge.ok) return refuse(merge.message)
  const { report } = merge

  const files = writeReportFiles(outputs, report)
  if (values.json) environment.stdout(`${JSON.stringify(jsonOutput(report))}\n`)
  else environment.stdout(summaryText(report) + segmentsText(report) + files.written.map((line) => `${line}\n`).join(''))
  for (const problem of files.problems) environment.stderr(`stampede merge: ${problem}\n`)
  if (report.outcome !== 'finished') {
    environment.stderr(`stampede merge: ${report.error}\n`)
    return MERGE_EXIT.incomplete
  }
  if (files.problems.length > 0) return MERGE_EXIT.incomplete
  return report.thresholds.every((threshold) => threshold.passed) ? MERGE_EXIT.passed : MERGE_EXIT.thresholdFailed
}

/** The test file's thresholds, as the segments carry them (the same test: the first one's). */
function fileThresholds(segments: readonly SegmentReport[]): Threshold[] | string {
  const thresholds: Threshold[] = []
  for (const text of segments[0]?.segment.thresholds ?? []) {
    const threshold = parseThreshold(text)
    if (!threshold.ok) return `the test's threshold ${text}: ${threshold.message}`
    thresholds.push(threshold.threshold)
  }
  return thresholds
}

function segmentsText(report: MergedReport): string {
  const { expected, merged, missing, cutShort } = report.segments
  const lines = [`Segments      ${merged} of ${expected} merged; generators started within ${report.start.spreadMs} ms of each other`]
  if (missing.length > 0) lines.push(`  missing     ${missing.join(', ')}`)
  if (cutShort.length > 0) lines.push(`  cut short   ${cutShort.join(', ')}`)
  for (const generator of report.generators) {
    const verdict = generator.health ? `, ${generator.health.verdict}` : ''
    lines.push(`  ${String(generator.segment).padStart(3)} of ${expected}  ${generator.host}: ${generator.sent} sent, ${generator.outcome}${verdict}, +${generator.startOffsetMs} ms`)
  }
  return `${lines.join('\n')}\n`
}
