import { parseArgs } from 'node:util'
import type { LoadStage } from '../shared/load-shape'
import { PLAN_DEFAULTS, type RunPlan } from '../shared/run-plan'
import type { TestDefinition } from '../shared/saved-test'
import type { Threshold } from '../shared/thresholds'
import { typedDurationMs, typedSecondsAsMs } from '../shared/typed-seconds'
import { parseTypedNumber } from '../shared/typed-number'
import { checkRunPlan, workerCountProblem, type PlanField } from '../shared/validation'
import { fileFieldName, headersWithFlags, readTestFileArgument, RUN_SUBCOMMAND } from './test-file-arguments'
import { readThresholds } from './threshold-arguments'

/** What the command line asks for. Every problem is found here, before any process starts. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string }
  | RunCommand

export interface RunCommand {
  kind: 'run'
  /** For --demo its URL is a stand-in, replaced by the demo target's once that listens. */
  plan: RunPlan
  demo: boolean
  /** Engine processes asked for; the run may use fewer (see src/control/plan-shares.ts). */
  workers: number
  json: boolean
  /** --threshold, in the order given: any failed makes the exit status 3. */
  thresholds: Threshold[]
  /** Files to write once the run ends: --report (HTML, or JSON / Markdown by extension), --csv and --junit. */
  outputs: { report?: { path: string; format: ReportFormat }; csv?: string; junit?: string }
}

export type ReportFormat = 'html' | 'json' | 'markdown'

/** --report's format, by the file's extension. */
const REPORT_FORMATS: ReadonlyArray<[extension: RegExp, format: ReportFormat]> = [
  [/\.html?$/i, 'html'],
  [/\.json$/i, 'json'],
  [/\.md$/i, 'markdown']
]

/** With neither -n nor -d a run lasts this long, as autocannon does. */
export const DEFAULT_DURATION_SECONDS = 10
/** --demo is a quick look: shorter unless -n or -d says otherwise. */
export const DEMO_DURATION_SECONDS = 3
/** Validated with this, then pointed at the demo target once it listens. */
const DEMO_URL_STAND_IN = 'http://127.0.0.1/'

const OPTIONS = {
  url: { type: 'string' },
  requests: { type: 'string', short: 'n' },
  iterations: { type: 'string', short: 'i' },
  duration: { type: 'string', short: 'd' },
  connections: { type: 'string', short: 'c' },
  rate: { type: 'string', short: 'r' },
  pipelining: { type: 'string', short: 'p' },
  method: { type: 'string', short: 'm' },
  header: { type: 'string', short: 'H', multiple: true },
  body: { type: 'string', short: 'b' },
  timeout: { type: 'string' },
  stages: { type: 'string' },
  http2: { type: 'boolean' },
  h2c: { type: 'boolean' },
  insecure: { type: 'boolean', short: 'k' },
  workers: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  threshold: { type: 'string', multiple: true },
  report: { type: 'string' },
  csv: { type: 'string' },
  junit: { type: 'string' },
  demo: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
} as const

/** The flag that sets each plan field, so checkRunPlan's messages can name it. */
const FLAG_OF_FIELD: Record<PlanField, string> = {
  url: '<url>',
  method: '-m',
  headers: '-H',
  body: '-b',
  totalRequests: '-n',
  durationMs: '-d',
  concurrency: '-c',
  pipelining: '-p',
  ratePerSecond: '-r',
  stages: '--stages',
  protocol: '--http2',
  timeoutMs: '--timeout',
  workers: '-w',
  insecure: '-k',
  flow: 'FILE',
  iterations: '-i'
}

export interface ArgumentEnvironment {
  /** Reads `-b @path`; throws when the file cannot be read. */
  readBody(path: string): string
  defaultWorkers(): number
  /** Why a report file could not be written at `path` (its folder missing, not writable), if so. */
  outputProblem(path: string): string | undefined
  /** Reads `run FILE`'s test file (refusing a large one); throws when it cannot be read. */
  readTestFile(path: string): string
}

export function parseCommandLine(argv: string[], environment: ArgumentEnvironment): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    // Node's parse errors name the flag but may span lines; the contract is one line.
    return usageError((error as Error).message.replace(/\s*\n\s*/g, ' '))
  }
  const { values, positionals } = parsed
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }

  const demo = values.demo === true
  let testFile: { file: string; test: TestDefinition } | undefined
  if (positionals[0] === RUN_SUBCOMMAND) {
    const read = readTestFileArgument(positionals.slice(1), demo, environment.readTestFile)
    if (!read.ok) return usageError(read.message)
    testFile = read
  } else {
    if (values.url !== undefined) return usageError(`--url replaces a test file's URL (stampede run FILE --url URL); here give the URL as the argument.`)
    if (demo && positionals.length > 0) return usageError(`--demo tests the built-in target: leave out the URL (${positionals[0]}).`)
    if (!demo && positionals.length === 0) return usageError('Give the URL to test, such as http://127.0.0.1:8080/.')
    if (positionals.length > 1) return usageError(`Give one URL, not ${positionals.length}: ${positionals.join(' ')}.`)
  }

  const headers: Array<[string, string]> = []
  for (const header of values.header ?? []) {
    const colon = header.indexOf(':')
    if (colon === -1) return usageError(`-H: "${header}" has no colon; write it as 'Name: value'.`)
    headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()])
  }

  let body = values.body
  if (body?.startsWith('@')) {
    try {
      body = environment.readBody(body.slice(1))
    } catch (error) {
      return usageError(`-b: cannot read ${body.slice(1)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
    }
  }

  if (values.http2 && values.h2c) return usageError('--http2 and --h2c: choose one (--http2 for https://, --h2c for http://).')
  let stages: LoadStage[] | undefined
  if (values.stages !== undefined) {
    const read = readStages(values.stages)
    if (typeof read === 'string') return usageError(`--stages: ${read}`)
    stages = read
  }

  const thresholds = readThresholds(values.threshold, testFile)
  if (typeof thresholds === 'string') return usageError(thresholds)

  const outputs: RunCommand['outputs'] = {}
  if (values.report !== undefined) {
    const format = REPORT_FORMATS.find(([extension]) => extension.test(values.report as string))?.[1]
    if (!format) {
      return usageError(`--report: name a file ending in .html (or .json for the JSON report, .md for Markdown), not ${values.report}.`)
    }
    outputs.report = { path: values.report, format }
  }
  if (values.csv !== undefined) outputs.csv = values.csv
  if (values.junit !== undefined) outputs.junit = values.junit
  for (const [flag, path] of [['--report', outputs.report?.path], ['--csv', outputs.csv], ['--junit', outputs.junit]] as const) {
    const problem = path === undefined ? undefined : environment.outputProblem(path)
    if (problem) return usageError(`${flag}: cannot write ${path}: ${problem}`)
  }

  const fileWorkers = testFile?.test.plan.workers
  const workers = values.workers === undefined ? (fileWorkers ?? environment.defaultWorkers()) : parseTypedNumber(values.workers)
  const workersProblem = workerCountProblem(workers)
  if (workersProblem) return usageError(`-w: ${workersProblem}`)

  // What the flags typed, and only that: the URL's defaults or the file's values fill in the rest.
  const typed: Partial<Record<PlanField, unknown>> = {
    url: values.url,
    method: values.method,
    body,
    totalRequests: optional(values.requests, parseTypedNumber),
    iterations: optional(values.iterations, parseTypedNumber),
    durationMs: optional(values.duration, typedSecondsAsMs),
    concurrency: optional(values.connections, parseTypedNumber),
    pipelining: optional(values.pipelining, parseTypedNumber),
    ratePerSecond: optional(values.rate, parseTypedNumber),
    stages,
    protocol: values.http2 ? 'h2' : values.h2c ? 'h2c' : undefined,
    timeoutMs: optional(values.timeout, parseTypedNumber),
    insecure: values.insecure
  }
  for (const key of Object.keys(typed) as PlanField[]) if (typed[key] === undefined) delete typed[key]

  const flow = testFile?.test.plan.flow
  if (flow) {
    // Each step has its own request: a flag for the one request would change nothing that is sent.
    const oneRequestFlags = (
      [
        ['-m', values.method],
        ['-b', values.body],
        ['-H', values.header],
        ['--url', values.url]
      ] as const
    ).filter(([, value]) => value !== undefined)
    if (oneRequestFlags.length > 0) {
      return usageError(`${oneRequestFlags.map(([flag]) => flag).join(', ')}: ${testFile?.file} is a flow of steps, each with its own request; change the steps in the file.`)
    }
    // One step: -n counts its iterations, as it counts a single request's.
    if (flow.steps.filter((step) => !step.disabled).length === 1 && typed.totalRequests !== undefined) {
      typed.iterations ??= typed.totalRequests
      delete typed.totalRequests
    }
  }
  const noBound = values.requests === undefined && values.duration === undefined && stages === undefined
  const input: Record<string, unknown> = testFile
    ? {
        ...testFile.test.plan,
        ...typed,
        headers: headersWithFlags(testFile.test.plan.headers, headers),
        ...(values.workers === undefined ? {} : { workers })
      }
    : {
        url: demo ? DEMO_URL_STAND_IN : positionals[0],
        headers,
        concurrency: PLAN_DEFAULTS.concurrency,
        ...(noBound ? { durationMs: (demo ? DEMO_DURATION_SECONDS : DEFAULT_DURATION_SECONDS) * 1000 } : {}),
        ...typed
      }

  const check = checkRunPlan(input)
  if (!check.ok) {
    const given = (field: PlanField): boolean => field in typed || (field === 'headers' && headers.length > 0)
    const flagOf = (field: PlanField): string => {
      if (testFile && !given(field)) return fileFieldName(testFile.file, field)
      if (field === 'url' && values.url !== undefined) return '--url'
      return field === 'protocol' && values.h2c ? '--h2c' : FLAG_OF_FIELD[field]
    }
    const lines = Object.entries(check.errors).map(([field, message]) => `${flagOf(field as PlanField)}: ${message}`)
    if (check.message) lines.push(check.message)
    return usageError(lines.join('\n'))
  }
  return { kind: 'run', plan: check.plan, demo, workers, json: values.json === true, thresholds, outputs }
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message }
}

function optional<T>(text: string | undefined, parse: (text: string) => T): T | undefined {
  return text === undefined ? undefined : parse(text)
}

/**
 * `--stages 30s:200,1m:200,10s:0`: stages as DURATION:TARGET, separated by commas; durations in ms,
 * s or m (decimals allowed, rounded to whole milliseconds), targets whole numbers. Returns the
 * stages, or what is wrong with the text; the values themselves are judged by the plan's validation.
 */
export function readStages(text: string): LoadStage[] | string {
  const parts = text.split(',').map((part) => part.trim())
  const stages: LoadStage[] = []
  for (const [index, part] of parts.entries()) {
    const colon = part.indexOf(':')
    const durationMs = colon === -1 ? Number.NaN : typedDurationMs(part.slice(0, colon))
    if (Number.isNaN(durationMs) || /\s/.test(part.slice(0, colon))) {
      const shown = part === '' ? 'empty' : `"${part}"`
      return `stage ${index + 1} is ${shown}; write each stage as DURATION:TARGET, such as 30s:200 (durations in ms, s or m).`
    }
    stages.push({ durationMs, target: parseTypedNumber(part.slice(colon + 1)) })
  }
  return stages
}
