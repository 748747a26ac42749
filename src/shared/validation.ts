import { z } from 'zod'
import { formatCount } from './format'
import { peakTarget, shapeDurationMs } from './load-shape'
import { PLAN_DEFAULTS, PLAN_LIMITS, PROTOCOLS, shapeOf, type Protocol, type RunPlan } from './run-plan'
import { CAPTURE_SOURCES, DATA_ORDERS } from './flow/flow-definition'
import { FLOW_LIMITS } from './flow/flow-plan'
import { compileFlow } from './flow/compile-flow'

/** The one place input is judged: the renderer shows these messages, main refuses the same plans. */

const urlField = z
  .string()
  .trim()
  .min(1, 'Enter the URL to test.')
  .max(PLAN_LIMITS.urlLength, `The URL is longer than ${PLAN_LIMITS.urlLength} characters.`)
  .superRefine((value, ctx) => {
    const message = urlProblem(value)
    if (message) ctx.addIssue({ code: 'custom', message })
  })

export function urlProblem(value: string): string | undefined {
  const fullUrl = 'Enter a full URL starting with http:// or https://, such as http://127.0.0.1:8080/health.'
  // Without "scheme://", `new URL` reads "localhost:8080" as a URL of scheme "localhost:".
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(value)) return fullUrl
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fullUrl
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `Only http:// and https:// URLs can be tested, not ${url.protocol}//.`
  }
  if (!url.hostname) return 'The URL has no host name.'
  if (url.username || url.password) return 'Put credentials in a header, not in the URL.'
  return undefined
}

/**
 * Whole numbers are checked with a refinement, not zod's .int(): a failed .int() stops zod before
 * every plan-wide check (the superRefines of runPlanSchema), and a typed 1.5 must not hide the
 * problem of another field, such as a connection count of 0.
 */
const isWhole = (value: number): boolean => Number.isInteger(value)

/** A whole number up to `max`; the lowest allowed is judged by the caller. */
function wholeNumberUpTo(label: string, max: number) {
  return z
    .number({ error: `${label} must be a whole number.` })
    .refine(isWhole, `${label} must be a whole number.`)
    .max(max, `${label} can be at most ${formatCount(max)}.`)
}

function wholeNumber(label: string, max: number) {
  return wholeNumberUpTo(label, max).min(1, `${label} must be at least 1.`)
}

/** RFC 9110's token: what a method or a header name may be made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** A method is a short word (the longest registered, UPDATEREDIRECTREF, has 17 letters), never a payload. */
const METHOD_MAX_LENGTH = 32

const methodField = z
  .string()
  .trim()
  .regex(TOKEN, 'The method must be one word, such as GET or POST.')
  .max(METHOD_MAX_LENGTH, `The method can be at most ${METHOD_MAX_LENGTH} characters.`)
  .transform((method) => method.toUpperCase())
  .refine((method) => method !== 'CONNECT', 'CONNECT opens a tunnel; it cannot be load tested here.')

/** Headers the connection itself owns: a user's value would break keep-alive or the framing. */
const MANAGED_HEADERS: Readonly<Record<string, string>> = {
  connection: 'Stampede keeps connections alive itself; remove the Connection header.',
  'keep-alive': 'Stampede keeps connections alive itself; remove the Keep-Alive header.',
  'transfer-encoding': 'Stampede frames the body itself; remove the Transfer-Encoding header.',
  'content-length': 'Stampede sets Content-Length from the body; remove the header.',
  upgrade: 'Upgrades (WebSocket, h2c) cannot be load tested here; remove the Upgrade header.',
  expect: 'Expect: 100-continue is not supported; remove the Expect header.'
}

const headerField = z.tuple([z.string(), z.string()]).superRefine(([name, value], ctx) => {
  const message = headerProblem(name, value)
  if (message) ctx.addIssue({ code: 'custom', message })
})

/**
 * Headers HTTP/2 forbids (RFC 9113, 8.2.2): they belong to one HTTP/1.1 connection, and an HTTP/2
 * peer must treat a request carrying one as malformed. Connection, Keep-Alive, Transfer-Encoding
 * and Upgrade are refused for every protocol above.
 */
function http2HeaderProblem(name: string, value: string): string | undefined {
  const lower = name.toLowerCase()
  if (lower === 'te' && value.trim().toLowerCase() !== 'trailers') {
    return `HTTP/2 allows TE only as "TE: trailers"; remove the header or use HTTP/1.1.`
  }
  if (lower === 'proxy-connection' || lower === 'http2-settings') {
    return `HTTP/2 forbids connection-specific headers; remove the ${name} header or use HTTP/1.1.`
  }
  return undefined
}

export function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `"${name}" is not a header name: use letters, digits and dashes, as in X-Request-Id.`
  const managed = MANAGED_HEADERS[name.toLowerCase()]
  if (managed) return managed
  // A line break would start a header of its own (request smuggling); NUL is never valid.
  if (/[\r\n\0]/.test(value)) return `The value of ${name} contains a line break.`
  // What undici sends (util.js headerCharRegex); anything else would fail every request, unsent.
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    return `The value of ${name} holds a character a header cannot carry (a control character, or one past Latin-1 such as €).`
  }
  if (name.length + value.length > PLAN_LIMITS.headerLength) {
    return `The header ${name} is longer than ${formatCount(PLAN_LIMITS.headerLength)} characters.`
  }
  return undefined
}

/**
 * One stage of a load shape (./load-shape.ts). Its messages name no stage: checkRunPlan puts
 * "Stage N: " before every message about one.
 */
const stageField = z.strictObject(
  {
    durationMs: z
      .number({ error: 'give the duration as a whole number of milliseconds.' })
      .refine(isWhole, 'the duration must be a whole number of milliseconds.')
      .min(0, 'the duration cannot be negative.')
      .max(PLAN_LIMITS.durationMs, 'a stage can last at most 24 hours.'),
    target: z
      .number({ error: 'the target must be a whole number.' })
      .refine(isWhole, 'the target must be a whole number.')
      .min(0, 'the target cannot be negative.')
  },
  { error: 'give a duration and a target, and nothing else.' }
)

/**
 * A flow's form (./flow/flow-plan.ts); its words (templates, captures, checks, what is defined
 * where) are judged by compileFlow, in the plan's refinement below.
 */
const flowField = once(() => {
  const pair = z.tuple([z.string(), z.string()])
  const step = z.strictObject({
    name: z.string().min(1).max(200).optional(),
    method: z.string().min(1).max(METHOD_MAX_LENGTH),
    url: z.string().min(1).max(PLAN_LIMITS.urlLength),
    headers: z.array(pair).max(PLAN_LIMITS.headers),
    body: z.string().refine((body) => utf8Length(body) <= PLAN_LIMITS.bodyBytes, 'The body can be at most 10 MB.').optional(),
    captures: z
      .array(z.strictObject({ variable: z.string().min(1), source: z.enum(CAPTURE_SOURCES), expression: z.string().min(1) }))
      .max(FLOW_LIMITS.capturesPerStep),
    checks: z.array(z.string()).max(FLOW_LIMITS.checksPerStep),
    think: z
      .strictObject({ minMs: z.number().int().min(0).max(FLOW_LIMITS.thinkMs), maxMs: z.number().int().min(0).max(FLOW_LIMITS.thinkMs) })
      .refine((think) => think.minMs <= think.maxMs, 'A think time range runs from the shorter to the longer.')
      .optional(),
    thresholds: z.array(z.string()),
    bodyLimitBytes: z.number().int().min(0).max(FLOW_LIMITS.bodyLimitBytes).optional(),
    disabled: z.boolean().optional()
  })
  return z.strictObject({
    variables: z.array(pair).max(FLOW_LIMITS.variables),
    data: z
      .strictObject({
        file: z.string().min(1),
        order: z.enum(DATA_ORDERS),
        columns: z.array(z.string().min(1)).min(1),
        rows: z.number().int().min(1)
      })
      .optional(),
    steps: z.array(step).min(1, 'A flow has at least one step.').max(FLOW_LIMITS.steps, `At most ${FLOW_LIMITS.steps} steps.`),
    stripe: z.strictObject({ offset: z.number().int().min(0), step: z.number().int().min(1) }).optional()
  })
})

/**
 * Built on its first use, not when the module loads: the window loads this module once it has
 * painted and judges the form in a later task, so the two halves of the work never make one long
 * task (src/renderer/src/plan/plan-slice.ts, loadPlanJudge).
 */
const runPlanSchema = once(() =>
  z
    .strictObject({
      url: urlField,
      method: methodField.default(PLAN_DEFAULTS.method),
      headers: z
        .array(headerField)
        .max(PLAN_LIMITS.headers, `At most ${PLAN_LIMITS.headers} headers.`)
        .default(() => []),
      body: z
        .string()
        .refine((body) => utf8Length(body) <= PLAN_LIMITS.bodyBytes, 'The body can be at most 10 MB.')
        .optional(),
      totalRequests: wholeNumber('Number of requests', PLAN_LIMITS.totalRequests).optional(),
      durationMs: z
        .number({ error: 'The duration must be a number.' })
        .refine(isWhole, 'The duration must be a whole number of milliseconds.')
        .min(1, 'The duration must be at least 1 ms.')
        .max(PLAN_LIMITS.durationMs, 'The duration can be at most 24 hours.')
        .optional(),
      // At least 1, or 0 when stages start from it: judged below, with the plan in view.
      concurrency: wholeNumberUpTo('Concurrency', PLAN_LIMITS.concurrency),
      pipelining: wholeNumber('Pipelining', PLAN_LIMITS.pipelining).default(PLAN_DEFAULTS.pipelining),
      ratePerSecond: wholeNumberUpTo('Rate', PLAN_LIMITS.ratePerSecond).optional(),
      stages: z
        .array(stageField, { error: 'Give the stages as a list.' })
        .min(1, 'Give at least one stage, or none for a constant load.')
        .max(PLAN_LIMITS.stages, `At most ${PLAN_LIMITS.stages} stages.`)
        .optional(),
      protocol: z.enum(PROTOCOLS, { error: 'Choose HTTP/1.1 (http1), HTTP/2 (h2) or h2c.' }).default(PLAN_DEFAULTS.protocol),
      timeoutMs: wholeNumber('Timeout', PLAN_LIMITS.timeoutMs).default(PLAN_DEFAULTS.timeoutMs),
      workers: wholeNumber('Workers', PLAN_LIMITS.workers).optional(),
      insecure: z.boolean({ error: 'Insecure must be true or false.' }).default(PLAN_DEFAULTS.insecure),
      flow: flowField().optional(),
      iterations: wholeNumber('Iterations', PLAN_LIMITS.iterations).optional()
    })
    .superRefine((plan, ctx) => {
      const problem = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message })
      const stops = [plan.totalRequests, plan.durationMs, plan.stages, plan.iterations]
      if (stops.every((stop) => stop === undefined)) {
        problem([plan.flow ? 'iterations' : 'totalRequests'], plan.flow ? 'Give a number of iterations or a duration.' : 'Give a number of requests or a duration.')
      }
      if (plan.flow) flowProblems(plan as RunPlan & { flow: NonNullable<RunPlan['flow']> }, problem)
      else if (plan.iterations !== undefined) problem(['iterations'], 'Iterations count the passes through a flow\'s steps; a single request counts requests.')
      if (plan.body !== undefined && plan.method === 'HEAD') problem(['body'], 'A HEAD request cannot have a body.')
      const shape = shapeOf(plan)
      if (shape) stageProblems(shape, problem)
      protocolProblems(plan, problem)
    })
    // The lowest connections and rate, which depend on the stages: judged even when a field is
    // malformed (zod skips the refinement above then), as every field's own bounds are.
    .superRefine((plan, ctx) => startProblems(plan, (path, message) => ctx.addIssue({ code: 'custom', path, message })), {
      when: (payload) => typeof payload.value === 'object' && payload.value !== null
    })
)

function once<T>(build: () => T): () => T {
  let built: T | undefined
  return () => (built ??= build())
}

type Problem = (path: PropertyKey[], message: string) => void

/**
 * The rate and the connections are at least 1; a shape may start from 0 (the rate in the open
 * model, the connections in the closed model, where they are what the shape counts).
 */
function startProblems(plan: { concurrency: unknown; ratePerSecond?: unknown; stages?: unknown }, problem: Problem): void {
  const shaped = plan.stages !== undefined
  const atLeast = (field: 'concurrency' | 'ratePerSecond', label: string, value: unknown, zeroAllowed: boolean): void => {
    // Not a number (or NaN): the field's own message says so.
    if (typeof value !== 'number' || Number.isNaN(value) || value >= 1 || (zeroAllowed && value === 0)) return
    problem([field], zeroAllowed ? `${label} cannot be negative.` : `${label} must be at least 1.`)
  }
  atLeast('ratePerSecond', 'Rate', plan.ratePerSecond, shaped)
  atLeast('concurrency', 'Concurrency', plan.concurrency, shaped && plan.ratePerSecond === undefined)
}

function flowProblems(plan: RunPlan & { flow: NonNullable<RunPlan['flow']> }, problem: Problem): void {
  if (plan.totalRequests !== undefined) problem(['totalRequests'], 'A flow counts iterations: give a number of iterations rather than of requests.')
  const sent = plan.flow.steps.filter((step) => !step.disabled).length
  if (plan.pipelining > 1 && sent > 1) {
    problem(['pipelining'], 'A flow of several steps sends each step after the last one answered: pipelining must be 1.')
  }
  const compiled = compileFlow(plan.flow)
  if (!compiled.ok) {
    const [first] = compiled.problems
    const where = first.step === undefined ? '' : `Step ${first.step + 1}: `
    problem(['flow'], `${where}${first.message}`)
  }
}

function stageProblems({ unit, start, stages }: NonNullable<ReturnType<typeof shapeOf>>, problem: Problem): void {
  const limit = unit === 'rate' ? PLAN_LIMITS.ratePerSecond : PLAN_LIMITS.concurrency
  const what = unit === 'rate' ? 'requests a second' : 'connections'
  stages.forEach((stage, index) => {
    if (stage.target > limit) {
      problem(['stages', index, 'target'], `the target can be at most ${formatCount(limit)} ${what}.`)
    }
  })
  const totalMs = shapeDurationMs(stages)
  if (stages.length > 0 && totalMs === 0) problem(['stages'], 'The stages last 0 ms: give at least one a duration.')
  if (totalMs > PLAN_LIMITS.durationMs) problem(['stages'], 'The stages can last at most 24 hours together.')
  if (stages.length > 0 && peakTarget(start, stages) === 0) {
    problem(['stages'], `The shape stays at 0 ${what} throughout: give a stage a target of 1 or more.`)
  }
}

function protocolProblems(plan: { url: string; protocol: Protocol; headers: Array<[string, string]> }, problem: Problem): void {
  if (plan.protocol === 'http1') return
  const scheme = urlProblem(plan.url) === undefined ? new URL(plan.url).protocol : undefined
  if (plan.protocol === 'h2' && scheme === 'http:') {
    problem(['protocol'], 'HTTP/2 over TLS needs an https:// URL; for HTTP/2 without TLS, choose h2c.')
  }
  if (plan.protocol === 'h2c' && scheme === 'https:') {
    problem(['protocol'], 'h2c is HTTP/2 without TLS and needs an http:// URL; for https://, choose HTTP/2.')
  }
  plan.headers.forEach(([name, value], index) => {
    const message = http2HeaderProblem(name, value)
    if (message) problem(['headers', index], message)
  })
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

export type PlanField = keyof RunPlan
export type FieldErrors = Partial<Record<PlanField, string>>
/** `message` speaks of the plan as a whole (not an object, unknown settings): never typed in the form. */
export type PlanCheck = { ok: true; plan: RunPlan } | { ok: false; errors: FieldErrors; message?: string }

const planFields = once((): ReadonlySet<string> => new Set(Object.keys(runPlanSchema().shape)))

/**
 * Judges a plan from an untrusted source (the renderer, over IPC). One message per field, the
 * first found, in the plan's field order; a message about one stage starts "Stage N: ".
 */
export function checkRunPlan(input: unknown): PlanCheck {
  const parsed = runPlanSchema().safeParse(input)
  const fields = planFields()
  if (parsed.success) return { ok: true, plan: parsed.data }
  const found: FieldErrors = {}
  let message: string | undefined
  for (const issue of parsed.error.issues) {
    const [field, stage] = issue.path
    if (typeof field === 'string' && fields.has(field)) {
      found[field as PlanField] ??= field === 'stages' && typeof stage === 'number' ? `Stage ${stage + 1}: ${issue.message}` : issue.message
    } else if (issue.code === 'unrecognized_keys') message ??= `Unknown settings: ${issue.keys.join(', ')}.`
    else message ??= 'Not a run plan: expected an object with url, totalRequests and concurrency.'
  }
  const errors: FieldErrors = {}
  for (const field of fields) {
    const fieldMessage = found[field as PlanField]
    if (fieldMessage !== undefined) errors[field as PlanField] = fieldMessage
  }
  return message ? { ok: false, errors, message } : { ok: false, errors }
}

const workerCountSchema = once(() => wholeNumber('Workers', PLAN_LIMITS.workers))

/** Judges how many engine processes to split a run between; a message when it cannot be. */
export function workerCountProblem(workers: unknown): string | undefined {
  const parsed = workerCountSchema().safeParse(workers)
  return parsed.success ? undefined : parsed.error.issues[0].message
}
