import type { z } from 'zod'
import { checkTestDefinition, type TestDefinition } from './saved-test'
import { compileFlow, fillVariables, isPlainRequest } from './flow/compile-flow'
import type { FlowPlan } from './flow/flow-plan'
import { parseThreshold } from './thresholds'
import { testNameProblem } from './test-name'
import type { PlanField } from './validation'
import { commonPlanInput, stepsOf, testFileSchemaV2, type TestFileContentV2 } from './test-file-schema-v2'
import type { KeyPath } from './test-file-source'

/**
 * Version 2 of the test file read into a test: the schema's form, then the data file's columns,
 * then compileFlow's judgement of the words, then the plan's. A flow of one step with nothing to
 * fill in, capture or check is read as one request (no `flow` in its plan), so it runs today's hot
 * path; otherwise the plan carries the flow.
 */

/** A data file looked at before the run: its columns and rows, or why not (naming it and its line). */
export type DataFileRead = { ok: true; path: string; columns: string[]; rows: number } | { ok: false; message: string }

export interface FlowFileContext {
  at: (path: KeyPath, message: string) => string
  refuse: (messages: string[]) => { ok: false; message: string }
  lineOf: (path: KeyPath) => number | undefined
  readData?: (file: string) => DataFileRead
}

/** Where each plan field is written in a version 2 file. */
const FILE_KEY_V2: Readonly<Record<PlanField, readonly string[]>> = {
  url: ['steps', 0, 'url'] as unknown as string[],
  method: ['steps', 0, 'method'] as unknown as string[],
  headers: ['steps', 0, 'headers'] as unknown as string[],
  body: ['steps', 0, 'body'] as unknown as string[],
  timeoutMs: ['settings', 'timeout'],
  protocol: ['settings', 'protocol'],
  insecure: ['settings', 'insecure'],
  concurrency: ['load', 'connections'],
  totalRequests: ['load', 'requests'],
  durationMs: ['load', 'duration'],
  ratePerSecond: ['load', 'rate'],
  pipelining: ['load', 'pipelining'],
  workers: ['load', 'workers'],
  stages: ['load', 'stages'],
  flow: ['steps'],
  iterations: ['load', 'iterations']
}

export function readFlowFile(value: unknown, context: FlowFileContext): { ok: true; test: TestDefinition } | { ok: false; message: string } {
  const { at, refuse, lineOf } = context
  const parsed = testFileSchemaV2.safeParse(value)
  if (!parsed.success) return refuse(schemaMessages(parsed.error, at, lineOf))
  const content = parsed.data
  const steps = stepsOf(content)

  let data: FlowPlan['data']
  if (content.data) {
    if (!context.readData) return refuse([at(['data', 'file'], 'a test with a data file is read where the file can be opened (stampede run, or the app).')])
    const read = context.readData(content.data.file)
    if (!read.ok) return refuse([at(['data', 'file'], read.message)])
    data = { file: read.path, order: content.data.order ?? 'sequential', columns: read.columns, rows: read.rows }
  }
  const flow: FlowPlan = { variables: content.variables ?? [], ...(data ? { data } : {}), steps }
  const compiled = compileFlow(flow)
  const problems = compiled.ok ? [] : compiled.problems.map((problem) => ({ path: problem.path, message: problem.message }))
  steps.forEach((step, index) =>
    step.thresholds.forEach((threshold, thresholdIndex) => {
      const read = parseThreshold(threshold)
      if (!read.ok) problems.push({ path: ['steps', index, 'thresholds', thresholdIndex], message: read.message })
    })
  )
  if (problems.length > 0) {
    const sorted = problems.map((problem) => ({ line: lineOf(problem.path) ?? 0, text: at(problem.path, problem.message) }))
    return refuse(sorted.sort((a, b) => a.line - b.line).map((problem) => problem.text))
  }

  const input = { name: content.name, plan: planInputOf(content, flow), thresholds: content.thresholds ?? [] }
  const check = checkTestDefinition(input)
  if (check.ok) return check
  if (testNameProblem(input.name)) return refuse([at(['name'], check.message)])
  if (check.errors && Object.keys(check.errors).length > 0) {
    return refuse(
      Object.entries(check.errors).map(([field, message]) => {
        const path = [...FILE_KEY_V2[field as PlanField]]
        const stage = field === 'stages' ? /^Stage (\d+): /.exec(message) : null
        return at(stage ? [...path, Number(stage[1]) - 1] : path, message)
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

/** The plan the file describes: one request when the flow is one plain step, else the flow. */
function planInputOf(content: TestFileContentV2, flow: FlowPlan): Record<string, unknown> {
  const load = content.load ?? {}
  const common = commonPlanInput(content)
  const plain = isPlainRequest(flow)
  const sent = flow.steps.filter((step) => !step.disabled)
  const plan: Record<string, unknown> = plain
    ? {
        ...common,
        url: plain.url,
        method: plain.method,
        headers: plain.headers,
        body: plain.body,
        // A one-step test: an iteration is a request.
        totalRequests: load.requests ?? load.iterations
      }
    : {
        ...common,
        url: fillVariables((sent[0] ?? flow.steps[0]).url, flow.variables),
        flow,
        iterations: load.iterations ?? (sent.length === 1 ? load.requests : undefined),
        totalRequests: sent.length === 1 ? undefined : load.requests
      }
  for (const key of Object.keys(plan)) if (plan[key] === undefined) delete plan[key]
  return plan
}

/** zod's issues as messages in the order of the file, each naming its line and key. */
export function schemaMessages(error: z.ZodError, at: FlowFileContext['at'], lineOf: FlowFileContext['lineOf']): string[] {
  const problems = error.issues.flatMap((issue) => {
    const path = issue.path as KeyPath
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path]
    return paths.map((problemPath) => ({ line: lineOf(problemPath) ?? 0, text: at(problemPath, issue.message) }))
  })
  return problems.sort((a, b) => a.line - b.line).map((problem) => problem.text)
}

