import { z } from 'zod'
import { PLAN_DEFAULTS, PLAN_LIMITS, type RunPlan } from './run-plan'

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

function urlProblem(value: string): string | undefined {
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

function wholeNumber(label: string, max: number) {
  return z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(1, `${label} must be at least 1.`)
    .max(max, `${label} can be at most ${max.toLocaleString('en-US')}.`)
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

function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `"${name}" is not a header name: use letters, digits and dashes, as in X-Request-Id.`
  const managed = MANAGED_HEADERS[name.toLowerCase()]
  if (managed) return managed
  // A line break would start a header of its own (request smuggling); NUL is never valid.
  if (/[\r\n\0]/.test(value)) return `The value of ${name} contains a line break.`
  if (name.length + value.length > PLAN_LIMITS.headerLength) {
    return `The header ${name} is longer than ${PLAN_LIMITS.headerLength.toLocaleString('en-US')} characters.`
  }
  return undefined
}

const runPlanSchema = z
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
      .int('The duration must be a whole number of milliseconds.')
      .min(1, 'The duration must be at least 1 ms.')
      .max(PLAN_LIMITS.durationMs, 'The duration can be at most 24 hours.')
      .optional(),
    concurrency: wholeNumber('Concurrency', PLAN_LIMITS.concurrency),
    pipelining: wholeNumber('Pipelining', PLAN_LIMITS.pipelining).default(PLAN_DEFAULTS.pipelining),
    ratePerSecond: wholeNumber('Rate', PLAN_LIMITS.ratePerSecond).optional(),
    timeoutMs: wholeNumber('Timeout', PLAN_LIMITS.timeoutMs).default(PLAN_DEFAULTS.timeoutMs),
    workers: wholeNumber('Workers', PLAN_LIMITS.workers).optional(),
    insecure: z.boolean({ error: 'Insecure must be true or false.' }).default(PLAN_DEFAULTS.insecure)
  })
  .superRefine((plan, ctx) => {
    if (plan.totalRequests === undefined && plan.durationMs === undefined) {
      ctx.addIssue({ code: 'custom', path: ['totalRequests'], message: 'Give a number of requests or a duration.' })
    }
    if (plan.body !== undefined && plan.method === 'HEAD') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'A HEAD request cannot have a body.' })
    }
  })

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

export type PlanField = keyof RunPlan
export type FieldErrors = Partial<Record<PlanField, string>>
/** `message` speaks of the plan as a whole (not an object, unknown settings): never typed in the form. */
export type PlanCheck = { ok: true; plan: RunPlan } | { ok: false; errors: FieldErrors; message?: string }

const PLAN_FIELDS: ReadonlySet<string> = new Set(Object.keys(runPlanSchema.shape))

/** Judges a plan from an untrusted source (the renderer, over IPC). */
export function checkRunPlan(input: unknown): PlanCheck {
  const parsed = runPlanSchema.safeParse(input)
  if (parsed.success) return { ok: true, plan: parsed.data }
  const errors: FieldErrors = {}
  let message: string | undefined
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (typeof field === 'string' && PLAN_FIELDS.has(field)) errors[field as PlanField] ??= issue.message
    else if (issue.code === 'unrecognized_keys') message ??= `Unknown settings: ${issue.keys.join(', ')}.`
    else message ??= 'Not a run plan: expected an object with url, totalRequests and concurrency.'
  }
  return message ? { ok: false, errors, message } : { ok: false, errors }
}

/**
 * A whole number as typed, in the form or on the command line: an optional minus and digits (with
 * thousands separators) only, so "-5" is told it must be at least 1 while "1.5", "1e3" and "ten"
 * become NaN, which the schema calls not a whole number.
 */
export function parseTypedNumber(text: string): number {
  const trimmed = text.trim().replace(/[_,\s]/g, '')
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

const workerCountSchema = wholeNumber('Workers', PLAN_LIMITS.workers)

/** Judges how many engine processes to split a run between; a message when it cannot be. */
export function workerCountProblem(workers: unknown): string | undefined {
  const parsed = workerCountSchema.safeParse(workers)
  return parsed.success ? undefined : parsed.error.issues[0].message
}
