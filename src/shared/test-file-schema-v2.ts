import { z } from 'zod'
import { parseCaptureText } from './flow/capture'
import { DATA_ORDERS, type CaptureDefinition, type StepDefinition } from './flow/flow-definition'
import { parseByteSize, parseThink } from './flow/flow-texts'
import { PLAN_DEFAULTS, type RunPlan } from './run-plan'
import { durationValue, headersValue, isMapping, mapping, stageValue, text } from './test-file-schema'

/**
 * The shape of a test file, version 2: a flow of steps. Only the form, as for version 1
 * (./test-file-schema.ts, whose pieces it shares): captures and think times are read into their
 * definitions here, every other word (templates, checks, what is defined) by compileFlow, and every
 * value of the plan by checkRunPlan.
 *
 *   stampede: 2
 *   name: Browse and buy
 *   variables: { host: https://shop.example }
 *   data: { file: users.csv, order: sequential | random | unique }
 *   steps:
 *     - { name, method, url, headers, body, capture: { VAR: json $.x }, check: [status == 200],
 *         think: 500ms | 1s-3s, thresholds: [p99<250ms], bodyLimit: 1MB, disabled: true }
 *   settings: { timeout, protocol, insecure }
 *   load: { connections, iterations, requests, duration, rate, pipelining, workers, stages }
 *   thresholds: [p99<400ms, ...]
 */

export const TEST_FILE_VERSION_2 = 2

/** A mapping of name to text, a number or true refused rather than guessed at (as header values are). */
const variablesValue = z.unknown().transform((value, ctx) => {
  if (!isMapping(value)) {
    ctx.addIssue({ code: 'custom', message: 'Give the variables as a mapping of name: text.' })
    return z.NEVER
  }
  const variables: Array<[string, string]> = []
  for (const [name, variable] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is not a variable name: use letters, digits, _ . and -, starting with a letter.` })
    } else if (typeof variable === 'string') variables.push([name, variable])
    else if (typeof variable === 'number' || typeof variable === 'boolean') variables.push([name, String(variable)])
    else ctx.addIssue({ code: 'custom', path: [name], message: `The value of ${name} is text.` })
  }
  return variables
})

const captureValue = z.unknown().transform((value, ctx) => {
  if (!isMapping(value)) {
    ctx.addIssue({ code: 'custom', message: "Give the captures as a mapping of VARIABLE: json $.path, header NAME, regex 'PATTERN' or cookie NAME." })
    return z.NEVER
  }
  const captures: CaptureDefinition[] = []
  for (const [variable, written] of Object.entries(value)) {
    const read = typeof written === 'string' ? parseCaptureText(variable, written) : { ok: false as const, message: 'A capture is text, such as json $.token.' }
    if (read.ok) captures.push(read.capture)
    else ctx.addIssue({ code: 'custom', path: [variable], message: read.message })
  }
  return captures
})

const checkList = z.array(text('each check'), { error: 'Give the checks as a list, such as [status == 200].' })

const thinkValue = z.unknown().transform((value, ctx) => {
  const think = typeof value === 'number' ? { minMs: value, maxMs: value } : typeof value === 'string' ? parseThink(value) : undefined
  if (!think) {
    ctx.addIssue({ code: 'custom', message: 'Write a pause such as 500ms, or a range such as 1s-3s.' })
    return z.NEVER
  }
  return think
})

const bodyLimitValue = z.unknown().transform((value, ctx) => {
  const bytes = parseByteSize(value)
  if (bytes === undefined) {
    ctx.addIssue({ code: 'custom', message: 'Write a size such as 1MB, 512kB or a number of bytes.' })
    return z.NEVER
  }
  return bytes
})

const stepValue = mapping('a step', {
  name: text('the step\'s name').optional(),
  method: text('the method').optional(),
  url: z.string({ error: 'Give the step\'s URL, such as "{{host}}/login".' }),
  headers: headersValue.optional(),
  body: text('the body').optional(),
  capture: captureValue.optional(),
  check: checkList.optional(),
  think: thinkValue.optional(),
  thresholds: z.array(text('each threshold'), { error: 'Give the step\'s thresholds as a list, such as [p99<250ms].' }).optional(),
  bodyLimit: bodyLimitValue.optional(),
  disabled: z.boolean({ error: 'disabled is true or false.' }).optional()
})

const dataSection = mapping('data', {
  file: z.string({ error: 'Give the data file, such as users.csv (CSV with a header row, or JSON: a list of objects).' }),
  order: z.enum(DATA_ORDERS, { error: 'The order is sequential, random or unique.' }).optional()
})

const settingsSection = mapping('settings', {
  timeout: durationValue.optional(),
  protocol: z.unknown().optional(),
  insecure: z.unknown().optional()
})

const loadSection = mapping('load', {
  connections: z.unknown().optional(),
  iterations: z.unknown().optional(),
  requests: z.unknown().optional(),
  duration: durationValue.optional(),
  rate: z.unknown().optional(),
  pipelining: z.unknown().optional(),
  workers: z.unknown().optional(),
  stages: z.array(stageValue, { error: 'Give the stages as a list of { duration, target }.' }).optional()
})

export const testFileSchemaV2 = mapping('a test file', {
  stampede: z.unknown().optional(),
  name: z.unknown().optional(),
  variables: variablesValue.optional(),
  data: dataSection.optional(),
  steps: z.array(stepValue, { error: 'Give the steps as a list, each with at least a url.' }).min(1, 'Give at least one step.'),
  settings: settingsSection.optional(),
  load: loadSection.optional(),
  thresholds: z.unknown().optional()
})

export type TestFileContentV2 = z.output<typeof testFileSchemaV2>

/** The steps as the flow's definitions. */
export function stepsOf(content: TestFileContentV2): StepDefinition[] {
  return content.steps.map((step) => ({
    ...(step.name === undefined ? {} : { name: step.name }),
    method: (step.method ?? PLAN_DEFAULTS.method).trim().toUpperCase(),
    url: step.url,
    headers: step.headers ?? [],
    ...(step.body === undefined ? {} : { body: step.body }),
    captures: step.capture ?? [],
    checks: step.check ?? [],
    ...(step.think === undefined ? {} : { think: step.think }),
    thresholds: step.thresholds ?? [],
    ...(step.bodyLimit === undefined ? {} : { bodyLimitBytes: step.bodyLimit }),
    ...(step.disabled ? { disabled: true } : {})
  }))
}

/** The plan's settings shared by every kind of test (v1's request section, v2's settings and load). */
export function commonPlanInput(content: TestFileContentV2): Record<string, unknown> {
  const load: NonNullable<TestFileContentV2['load']> = content.load ?? {}
  const settings: NonNullable<TestFileContentV2['settings']> = content.settings ?? {}
  return {
    durationMs: load.duration,
    concurrency: load.connections ?? PLAN_DEFAULTS.concurrency,
    pipelining: load.pipelining,
    ratePerSecond: load.rate,
    stages: load.stages?.map(({ duration, target }) => ({ durationMs: duration, target })),
    protocol: settings.protocol,
    timeoutMs: settings.timeout,
    workers: load.workers,
    insecure: settings.insecure
  } satisfies Partial<Record<keyof RunPlan, unknown>>
}
