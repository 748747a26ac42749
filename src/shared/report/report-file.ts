import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser'
import { z } from 'zod'
import { PROTOCOLS } from '../run-plan'
import { THRESHOLD_METRICS } from '../thresholds'
import type { RunReport } from './run-report'

/**
 * Reading a RunReport back from its JSON: the CLI's `--json` output (no series or latency bins) and
 * the exported report file (with them), for `stampede compare` and the history's import. One schema.
 *
 * Fields this version does not know are kept as they are (z.looseObject): a report written by a newer
 * version passes, and passes on what it carries. Everything known is checked; a problem is named by
 * its path, as in "latencyMs.p99: expected a number".
 */

/** A report file larger than this is refused unread: a report with its whole series is a few MB. */
export const REPORT_FILE_MAX_BYTES = 64 * 1024 * 1024

export type ReportFileParse = { ok: true; report: RunReport } | { ok: false; message: string }

const count = z.number().int().nonnegative()
const figure = z.number().nonnegative()
const fraction = z.number().min(0).max(1)
const counts = z.record(z.string(), count)

const latencySummary = z.looseObject({
  min: figure,
  mean: figure,
  p50: figure,
  p90: figure,
  p99: figure,
  p999: figure,
  p9999: figure,
  max: figure
})

const intervalLatency = z.looseObject({ p50: figure, p90: figure, p99: figure, max: figure })

const generatorHealth = z.looseObject({
  eventLoopDelayP99Ms: figure,
  eventLoopBusyPercent: figure,
  cpuPercent: figure,
  behindScheduleMs: figure.optional()
})

const runInterval = z.looseObject({
  tick: count,
  startMs: figure,
  endMs: figure,
  responses: z.looseObject({ ok: count, clientOrServerError: count }),
  failed: count,
  aborted: count,
  bytesRead: count,
  sent: count,
  due: count.optional(),
  latencyMs: intervalLatency,
  ttfbMs: intervalLatency,
  rawLatencyMs: intervalLatency.optional(),
  activeConnections: count,
  health: generatorHealth,
  histograms: z.looseObject({ latency: z.string(), ttfb: z.string(), rawLatency: z.string().optional() }).optional()
})

const settings = z.looseObject({
  model: z.enum(['closed', 'open']),
  ratePerSecond: count.optional(),
  connections: count,
  pipelining: count,
  workers: count,
  totalRequests: count.optional(),
  durationMs: count.optional(),
  timeoutMs: count,
  headerNames: z.array(z.string()),
  bodyBytes: count,
  protocol: z.enum(PROTOCOLS),
  insecure: z.boolean(),
  stages: z.array(z.looseObject({ durationMs: count, target: count })).optional()
})

const requestCounts = z.looseObject({ sent: count, completed: count, failed: count, aborted: count })
const responseCounts = z.looseObject({ ok: count, clientOrServerError: count })

const stepReport = z.looseObject({
  name: z.string(),
  requests: requestCounts,
  responses: responseCounts,
  errorRate: fraction,
  clientOrServerErrorRate: fraction,
  statusCodes: counts,
  errors: counts,
  errorExamples: z.record(z.string(), z.string()).optional(),
  latencyMs: latencySummary,
  ttfbMs: latencySummary,
  rps: figure,
  checks: z.array(z.looseObject({ check: z.string(), passed: count, failed: count })),
  captures: z.looseObject({ failed: count, example: z.string().optional() })
})

const iterationReport = z.looseObject({
  started: count,
  completed: count,
  failed: count,
  failedBy: counts,
  durationMs: latencySummary,
  perSecond: figure
})

const runReportSchema = z.looseObject({
  url: z.string(),
  method: z.string(),
  startedAt: z.string().optional(),
  requests: requestCounts,
  responses: responseCounts,
  errorRate: fraction,
  clientOrServerErrorRate: fraction,
  statusCodes: counts,
  // Any kind's name: a newer version may count a kind of error this one does not know.
  errors: counts,
  /** Being added to RunReport: the first message of each kind of error. */
  errorExamples: z.record(z.string(), z.string()).optional(),
  latencyMs: latencySummary,
  ttfbMs: latencySummary,
  rawLatencyMs: latencySummary.optional(),
  durationMs: figure,
  rps: figure,
  bytesRead: count,
  outcome: z.enum(['finished', 'cancelled', 'crashed']),
  error: z.string().optional(),
  cancelled: z.boolean(),
  thresholds: z.array(
    z.looseObject({
      expression: z.string(),
      step: z.string().optional(),
      metric: z.enum(THRESHOLD_METRICS),
      passed: z.boolean(),
      actual: figure.nullable()
    })
  ),
  steps: z.array(stepReport).optional(),
  iterations: iterationReport.optional(),
  checks: z.looseObject({ passed: count, failed: count, rate: fraction.nullable() }).optional(),
  health: z
    .looseObject({
      verdict: z.enum(['ok', 'generator-limited', 'target-slow']),
      generatorLimitedMs: figure,
      targetSlowMs: figure,
      judgedMs: figure,
      peak: generatorHealth,
      summary: z.string()
    })
    .optional(),
  settings,
  latencyBins: z.array(z.looseObject({ fromMs: figure, toMs: figure, count })).optional(),
  series: z.looseObject({ bucketMs: figure, points: z.array(runInterval) }).optional()
})

// Every field of RunReport is checked: adding one there without adding it here fails the typecheck.
type UncheckedFields = Exclude<keyof RunReport, keyof z.output<typeof runReportSchema>>
const everyFieldChecked: [UncheckedFields] extends [never] ? true : UncheckedFields = true
void everyFieldChecked

/** At most this many problems are named in one message: the first few say what kind of file it is. */
const PROBLEMS_SHOWN = 3

/** The report in a JSON text, or what is wrong with the text, in a sentence a person can act on. */
export function parseReportText(text: string): ReportFileParse {
  // An editor on Windows may save a byte-order mark, which JSON.parse refuses.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    return { ok: false, message: notJsonMessage(json, error) }
  }
  return checkReport(value)
}

/** A value already parsed from JSON (an IPC payload, a stored row): the same checks. */
export function checkReport(value: unknown): ReportFileParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `Not a Stampede run report: expected a JSON object, found ${describe(value)}.` }
  }
  if (!('requests' in value) && !('latencyMs' in value)) {
    return {
      ok: false,
      message: 'Not a Stampede run report: it has no requests or latencyMs (a report is what stampede --json prints, or the JSON the app exports).'
    }
  }
  const parsed = runReportSchema.safeParse(value, { reportInput: true })
  if (parsed.success) return { ok: true, report: parsed.data }
  const problems = parsed.error.issues.slice(0, PROBLEMS_SHOWN).map(issueText)
  const more = parsed.error.issues.length - problems.length
  return { ok: false, message: `${problems.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.` }
}

type Issue = z.core.$ZodIssue

function issueText(issue: Issue): string {
  return `${pathText(issue.path)}: ${problemText(issue)}`
}

/** ['series', 'points', 3, 'tick'] -> "series.points[3].tick". */
function pathText(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`
  return text === '' ? 'the report' : text
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list'
}

function problemText(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected
      if (issue.input === undefined) return `missing (expected ${expected})`
      return `expected ${expected}, found ${describe(issue.input)}`
    }
    case 'too_small':
      return issue.minimum === 0 ? `cannot be negative, found ${describe(issue.input)}` : `expected at least ${String(issue.minimum)}`
    // Only the rates have a maximum.
    case 'too_big':
      return `expected at most ${String(issue.maximum)} (a rate is a fraction), found ${describe(issue.input)}`
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, found ${describe(issue.input)}`
    default:
      return issue.message
  }
}

/** A found value as a message quotes it: short, and never the whole of a large object. */
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value)
  return String(value)
}

/**
 * JSON.parse's own messages differ between Node versions and often give no position; jsonc-parser
 * (in strict mode: no comments, no trailing commas) finds where the text stops being JSON.
 */
function notJsonMessage(text: string, error: unknown): string {
  const errors: ParseError[] = []
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const first = errors[0]
  if (!first) return `Not JSON: ${error instanceof Error ? error.message : String(error)}.`
  if (text.trim() === '') return 'Not JSON: the file is empty.'
  const { line, column } = lineAndColumn(text, first.offset)
  const found = text.slice(first.offset, first.offset + Math.min(Math.max(first.length, 1), 20))
  const near = found === '' ? ' (the text ends there)' : ` near ${JSON.stringify(found)}`
  return `Not JSON: ${JSON_PROBLEMS[printParseErrorCode(first.error)] ?? 'unexpected text'} at line ${line}, column ${column}${near}.`
}

const JSON_PROBLEMS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected text',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected }',
  CloseBracketExpected: 'expected ]',
  EndOfFileExpected: 'expected the end of the text',
  InvalidCommentToken: 'a comment (JSON has none)',
  UnexpectedEndOfComment: 'an unfinished comment',
  UnexpectedEndOfString: 'an unfinished string',
  UnexpectedEndOfNumber: 'an unfinished number',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape',
  InvalidCharacter: 'a control character in a string'
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  return { line: before.split('\n').length, column: offset - lineStart + 1 }
}
