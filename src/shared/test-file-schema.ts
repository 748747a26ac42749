import { z } from 'zod'
import { PLAN_DEFAULTS, type RunPlan } from './run-plan'
import type { PlanField } from './validation'
import { typedDurationMs } from './typed-seconds'
import type { KeyPath } from './test-file-source'

/**
 * The shape of a test file, version 1: which keys exist, where, and how a value is written
 * (durations with units, headers as a mapping or a list). Only the form: every value is then judged
 * by the plan's one validation (checkRunPlan, through checkTestDefinition), never by rules here.
 *
 *   stampede: 1                      the format version
 *   name: Checkout
 *   request: { method, url, headers, body, timeout, protocol, insecure }
 *   load: { connections, requests, duration, rate, pipelining, workers, stages: [{ duration, target }] }
 *   thresholds: [p99<250ms, ...]
 */

export const TEST_FILE_VERSION = 1

/** Where each plan field is written in a test file, so a plan's message can name its key. */
export const FILE_KEY_OF_PLAN_FIELD: Readonly<Record<PlanField, readonly string[]>> = {
  url: ['request', 'url'],
  method: ['request', 'method'],
  headers: ['request', 'headers'],
  body: ['request', 'body'],
  timeoutMs: ['request', 'timeout'],
  protocol: ['request', 'protocol'],
  insecure: ['request', 'insecure'],
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

const DURATION_HINT = 'write a duration such as 30s, 500ms or 2m, or a number of milliseconds.'

/** A number is milliseconds; text has a unit. The plan judges the milliseconds. */
export const durationValue = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number') return value
  const ms = typeof value === 'string' ? typedDurationMs(value) : Number.NaN
  if (Number.isNaN(ms)) {
    const shown = typeof value === 'string' ? `"${value}" is not a duration: ` : ''
    ctx.addIssue({ code: 'custom', message: shown === '' ? capitalise(DURATION_HINT) : `${shown}${DURATION_HINT}` })
    return z.NEVER
  }
  return ms
})

export const text = (what: string) => z.string({ error: `Give ${what} as text.` })

/**
 * Headers: a mapping of name to value, or, when a name repeats, a list of one-entry mappings
 * (`- Set-Cookie: a=1`). Values are text: `X-Retry: 3` is refused rather than guessed at, since a
 * number read back as text may not be what was written (1.10 reads as 1.1).
 */
export const headersValue = z.unknown().transform((value, ctx) => {
  const headers: Array<[string, string]> = []
  const problem = (path: KeyPath, message: string): void => {
    ctx.addIssue({ code: 'custom', path: [...path], message })
  }
  const add = (path: KeyPath, name: string, headerValue: unknown): void => {
    if (typeof headerValue === 'string') headers.push([name, headerValue])
    else problem(path, `The value of ${name} is text: put it in quotes, as in ${name}: "${String(headerValue)}".`)
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const entries = isMapping(item) ? Object.entries(item) : []
      if (entries.length !== 1) problem([index], 'Write each header of a list as Name: value.')
      else add([index], entries[0][0], entries[0][1])
    })
  } else if (isMapping(value)) {
    for (const [name, headerValue] of Object.entries(value)) add([name], name, headerValue)
  } else {
    problem([], 'Give the headers as a mapping of Name: value, or as a list of Name: value when a name repeats.')
  }
  return headers
})

/** Every mapping refuses keys it does not know, naming them: a typo is never ignored. */
export function mapping<Shape extends z.ZodRawShape>(what: string, shape: Shape) {
  const keys = Object.keys(shape)
  const list = `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown key: ${what} holds ${list}.`
        : `${capitalise(what)} is a mapping of ${list}.`
  })
}

export const stageValue = mapping('a stage', { duration: durationValue, target: z.unknown().optional() })

const requestSection = mapping('request', {
  method: text('the method').optional(),
  url: z.string({ error: 'Give the URL to test, such as https://shop.example/api/checkout.' }),
  headers: headersValue.optional(),
  body: text('the body').optional(),
  timeout: durationValue.optional(),
  protocol: z.unknown().optional(),
  insecure: z.unknown().optional()
})

const loadSection = mapping('load', {
  connections: z.unknown().optional(),
  requests: z.unknown().optional(),
  duration: durationValue.optional(),
  rate: z.unknown().optional(),
  pipelining: z.unknown().optional(),
  workers: z.unknown().optional(),
  stages: z.array(stageValue, { error: 'Give the stages as a list of { duration, target }.' }).optional()
})

export const testFileSchema = mapping('a test file', {
  stampede: z.unknown().optional(),
  name: z.unknown().optional(),
  request: requestSection,
  load: loadSection.optional(),
  thresholds: z.unknown().optional()
})

export type TestFileContent = z.output<typeof testFileSchema>

/** The file's content as the input checkTestDefinition judges: the file's words back to the plan's. */
export function testInputOf(content: TestFileContent): { name: unknown; plan: Record<string, unknown>; thresholds: unknown } {
  const { request } = content
  const load: NonNullable<TestFileContent['load']> = content.load ?? {}
  const plan: Record<string, unknown> = {
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    totalRequests: load.requests,
    durationMs: load.duration,
    // The one field a plan cannot leave out: the file may, as the CLI's -c may.
    concurrency: load.connections ?? PLAN_DEFAULTS.concurrency,
    pipelining: load.pipelining,
    ratePerSecond: load.rate,
    stages: load.stages?.map(({ duration, target }) => ({ durationMs: duration, target })),
    protocol: request.protocol,
    timeoutMs: request.timeout,
    workers: load.workers,
    insecure: request.insecure,
    flow: undefined,
    iterations: undefined
  } satisfies Record<keyof RunPlan, unknown>
  for (const key of Object.keys(plan)) if (plan[key] === undefined) delete plan[key]
  return { name: content.name, plan, thresholds: content.thresholds ?? [] }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
