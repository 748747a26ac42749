import { Document, isMap, isSeq } from 'yaml'
import { checkTestDefinition, type TestDefinition } from './saved-test'
import { testNameProblem } from './test-name'
import { PLAN_DEFAULTS, type RunPlan } from './run-plan'
import { parseThreshold } from './thresholds'
import { durationText } from './typed-seconds'
import type { PlanField } from './validation'
import { FILE_KEY_OF_PLAN_FIELD, TEST_FILE_VERSION, testFileSchema, testInputOf } from './test-file-schema'
import { readSource, testFileFormatOf, type KeyPath, type TestFileFormat } from './test-file-source'
import { readFlowFile, type DataFileRead } from './test-file-flow'
import { captureText } from './flow/capture'
import type { StepDefinition } from './flow/flow-definition'
import { byteSizeText, thinkText } from './flow/flow-texts'

/**
 * Test files: a test (./saved-test.ts) as a human-readable YAML or JSON file that lives beside the
 * code it tests, read by the app's import and by `stampede run FILE`. One schema for both formats
 * (./test-file-schema.ts); every value is judged by checkTestDefinition. A bad file's every message
 * names the file, the line (where one is known) and the key: `checkout.yaml, line 12 (load.connections): …`.
 */

export { testFileFormatOf, type TestFileFormat } from './test-file-source'
export { FILE_KEY_OF_PLAN_FIELD } from './test-file-schema'

/** The version the app and the CLI write (./test-file-flow.ts): version 1 files are still read as they were. */
export const TEST_FILE_VERSION_WRITTEN = 2

/** A test file is a page of settings; past this it is not one (a log, a binary picked by mistake). */
export const TEST_FILE_MAX_BYTES = 1024 * 1024

export type { DataFileRead } from './test-file-flow'

export type TestFileRead = { ok: true; test: TestDefinition } | { ok: false; message: string }

export interface TestFileOptions {
  /**
   * Looks at a version-2 file's data file (`data.file` as written), for its columns and rows, or
   * why it cannot be used (naming the data file and its line). Without it, a file with data is
   * refused: only a reader that can open files (src/control/data-file.ts) reads one.
   */
  readData?: (file: string) => DataFileRead
}

/** The versions this Stampede reads; it writes the last. */
const VERSIONS_READ = [TEST_FILE_VERSION, 2]

/** Reads a test file's text; `fileName` (as the user knows it) names the file in every message and picks the format. */
export function parseTestFile(text: string, fileName: string, options: TestFileOptions = {}): TestFileRead {
  let steps: unknown[] = []
  const stepNamed = (path?: KeyPath): string => {
    if (!path || path[0] !== 'steps' || typeof path[1] !== 'number') return ''
    const step = steps[path[1]] as { name?: unknown } | undefined
    return `, step ${path[1] + 1}${typeof step?.name === 'string' ? ` "${step.name}"` : ''}`
  }
  const where = (line: number | undefined, path?: KeyPath): string =>
    `${fileName}${line === undefined ? '' : `, line ${line}`}${stepNamed(path)}${path && path.length > 0 ? ` (${keyPathText(path)})` : ''}`
  const refuse = (lines: string[]): TestFileRead => ({ ok: false, message: lines.join('\n') })

  const empty = `${fileName}: the file is empty; a test file starts with stampede: ${TEST_FILE_VERSION}.`
  if (text.trim() === '') return refuse([empty])
  // A byte-order mark, as some Windows editors write: not part of the YAML or the JSON.
  const source = readSource(text.replace(/^\uFEFF/, ''), testFileFormatOf(fileName))
  if (!source.ok) return refuse([`${where(source.line)}: ${source.message}`])
  const { value, lineOf } = source
  const at = (path: KeyPath, message: string): string => `${where(lineOf(path), path)}: ${message}`

  // Comments only, or a lone `---`: as empty as a file of nothing.
  if (value === null || value === undefined) return refuse([empty])
  if (typeof value !== 'object' || Array.isArray(value)) {
    return refuse([`${where(lineOf([]))}: a test file is a mapping of stampede, name, request, load and thresholds.`])
  }
  // The version first: a file from a later Stampede may use keys this one does not know.
  const version = (value as Record<string, unknown>).stampede
  if (version === undefined) {
    return refuse([`${where(lineOf([]))}: give the format version first: stampede: ${TEST_FILE_VERSION_WRITTEN}.`])
  }
  if (!VERSIONS_READ.includes(version as number)) {
    return refuse([at(['stampede'], `this Stampede reads test files of format version ${VERSIONS_READ.join(' or ')}, not ${JSON.stringify(version)}.`)])
  }
  if (version === 2) {
    const listed = (value as Record<string, unknown>).steps
    steps = Array.isArray(listed) ? listed : []
    return readFlowFile(value, { at, refuse: (messages) => ({ ok: false, message: messages.join('\n') }), lineOf, readData: options.readData })
  }

  const content = testFileSchema.safeParse(value)
  if (!content.success) {
    const problems = content.error.issues.flatMap((issue) => {
      const path = issue.path as KeyPath
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path]
      return paths.map((problemPath) => ({ line: lineOf(problemPath) ?? 0, text: at(problemPath, issue.message) }))
    })
    // In the order of the file, as a reader fixes them.
    return refuse(problems.sort((a, b) => a.line - b.line).map((problem) => problem.text))
  }

  const input = testInputOf(content.data)
  const check = checkTestDefinition(input)
  if (check.ok) return check
  // checkTestDefinition judges the name, then the plan, then the thresholds: the first that fails is here.
  if (testNameProblem(input.name)) return refuse([at(['name'], check.message)])
  if (check.errors && Object.keys(check.errors).length > 0) {
    return refuse(
      Object.entries(check.errors).map(([field, message]) => {
        const path: Array<string | number> = [...FILE_KEY_OF_PLAN_FIELD[field as PlanField]]
        const stage = field === 'stages' ? /^Stage (\d+): /.exec(message) : null
        // The line of the stage, while the path stays `load.stages` as the message numbers the stage from 1.
        const line = lineOf(stage ? [...path, Number(stage[1]) - 1] : path)
        return `${where(line, path)}: ${message}`
      })
    )
  }
  if (!check.errors) {
    const list = Array.isArray(input.thresholds) ? (input.thresholds as unknown[]) : []
    const index = list.findIndex((item) => typeof item !== 'string' || !parseThreshold(item).ok)
    return refuse([at(index === -1 ? ['thresholds'] : ['thresholds', index], check.message)])
  }
  return refuse([at([], check.message)])
}

/** `load.stages[1].duration`; a key that is not a plain word is quoted: `request.headers["X Y"]`. */
export function keyPathText(path: KeyPath): string {
  return path
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : /^[A-Za-z0-9_-]+$/.test(step) ? `${index === 0 ? '' : '.'}${step}` : `[${JSON.stringify(step)}]`
    )
    .join('')
}

/**
 * The test as a file: the same schema parseTestFile reads, defaults left out so the file says only
 * what was chosen. parseTestFile(testFileText(test, format)) gives the test back, for a valid test.
 */
export function testFileText(test: TestDefinition, format: TestFileFormat): string {
  const content = fileContentOf(test)
  if (format === 'json') return `${JSON.stringify(content, null, 2)}\n`
  const document = new Document(content)
  document.commentBefore = ' A Stampede test: run it with `stampede run FILE`, or import it in the app.'
  // Stages one a line, as { duration: 30s, target: 200 }: a shape reads as a table; so are checks.
  const stages = document.getIn(['load', 'stages'])
  if (isSeq(stages)) for (const stage of stages.items) if (isMap(stage)) stage.flow = true
  const steps = document.get('steps')
  if (isSeq(steps)) {
    for (const step of steps.items) {
      if (!isMap(step)) continue
      for (const key of ['check', 'thresholds']) {
        const list = step.get(key)
        if (isSeq(list)) list.flow = true
      }
    }
  }
  return document.toString({ lineWidth: 0 })
}

function fileContentOf(test: TestDefinition): Record<string, unknown> {
  const { name, plan, thresholds } = test
  const flow = plan.flow
  // In version 2 "{{" and "}}" belong to variables; a single request that sends them as they are keeps version 1's words.
  if (!flow && [plan.url, plan.body ?? '', ...plan.headers.map(([, value]) => value)].some((text) => /\{\{|\}\}/.test(text))) {
    return versionOneContentOf(test)
  }
  const steps = flow
    ? flow.steps.map(stepContent)
    : [stepContent({ method: plan.method, url: plan.url, headers: plan.headers, body: plan.body, captures: [], checks: [], thresholds: [] })]
  const settings = omitUndefined({
    timeout: plan.timeoutMs === PLAN_DEFAULTS.timeoutMs ? undefined : durationText(plan.timeoutMs),
    protocol: plan.protocol === PLAN_DEFAULTS.protocol ? undefined : plan.protocol,
    insecure: plan.insecure === PLAN_DEFAULTS.insecure ? undefined : plan.insecure
  })
  const load = omitUndefined({
    connections: plan.concurrency === PLAN_DEFAULTS.concurrency ? undefined : plan.concurrency,
    iterations: plan.iterations,
    requests: plan.totalRequests,
    duration: plan.durationMs === undefined ? undefined : durationText(plan.durationMs),
    rate: plan.ratePerSecond,
    pipelining: plan.pipelining === PLAN_DEFAULTS.pipelining ? undefined : plan.pipelining,
    workers: plan.workers,
    stages: plan.stages?.map((stage) => ({ duration: durationText(stage.durationMs), target: stage.target }))
  })
  return omitUndefined({
    stampede: TEST_FILE_VERSION_WRITTEN,
    name,
    variables: flow && flow.variables.length > 0 ? Object.fromEntries(flow.variables) : undefined,
    data: flow?.data ? omitUndefined({ file: flow.data.file, order: flow.data.order === 'sequential' ? undefined : flow.data.order }) : undefined,
    steps,
    settings: Object.keys(settings).length === 0 ? undefined : settings,
    load: Object.keys(load).length === 0 ? undefined : load,
    thresholds: thresholds.length === 0 ? undefined : thresholds
  })
}

function stepContent(step: StepDefinition): Record<string, unknown> {
  return omitUndefined({
    name: step.name,
    method: step.method === PLAN_DEFAULTS.method ? undefined : step.method,
    url: step.url,
    headers: step.headers.length === 0 ? undefined : headersContent(step.headers),
    body: step.body,
    capture: step.captures.length === 0 ? undefined : Object.fromEntries(step.captures.map((capture) => [capture.variable, captureText(capture)])),
    check: step.checks.length === 0 ? undefined : step.checks,
    think: step.think === undefined ? undefined : thinkText(step.think),
    thresholds: step.thresholds.length === 0 ? undefined : step.thresholds,
    bodyLimit: step.bodyLimitBytes === undefined ? undefined : byteSizeText(step.bodyLimitBytes),
    disabled: step.disabled ? true : undefined
  })
}

/**
 * A mapping when it keeps the headers as they are: every name once, and none a number, which a
 * mapping would move to the front (JavaScript orders integer keys first). A list otherwise.
 */
function headersContent(headers: RunPlan['headers']): Record<string, string> | Array<Record<string, string>> {
  const names = headers.map(([name]) => name)
  const keepsOrder = new Set(names).size === names.length && !names.some((name) => /^\d+$/.test(name))
  if (keepsOrder) return Object.fromEntries(headers)
  return headers.map(([name, value]) => ({ [name]: value }))
}

function omitUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}
function versionOneContentOf({ name, plan, thresholds }: TestDefinition): Record<string, unknown> {
  const request = omitUndefined({
    method: plan.method === PLAN_DEFAULTS.method ? undefined : plan.method,
    url: plan.url,
    headers: plan.headers.length === 0 ? undefined : headersContent(plan.headers),
    body: plan.body,
    timeout: plan.timeoutMs === PLAN_DEFAULTS.timeoutMs ? undefined : durationText(plan.timeoutMs),
    protocol: plan.protocol === PLAN_DEFAULTS.protocol ? undefined : plan.protocol,
    insecure: plan.insecure === PLAN_DEFAULTS.insecure ? undefined : plan.insecure
  })
  const load = omitUndefined({
    connections: plan.concurrency === PLAN_DEFAULTS.concurrency ? undefined : plan.concurrency,
    requests: plan.totalRequests,
    duration: plan.durationMs === undefined ? undefined : durationText(plan.durationMs),
    rate: plan.ratePerSecond,
    pipelining: plan.pipelining === PLAN_DEFAULTS.pipelining ? undefined : plan.pipelining,
    workers: plan.workers,
    stages: plan.stages?.map((stage) => ({ duration: durationText(stage.durationMs), target: stage.target }))
  })
  return omitUndefined({
    stampede: TEST_FILE_VERSION,
    name,
    request,
    load: Object.keys(load).length === 0 ? undefined : load,
    thresholds: thresholds.length === 0 ? undefined : thresholds
  })
}
