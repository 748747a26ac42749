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

const runPlanSchema = z.strictObject({
  url: urlField,
  totalRequests: wholeNumber('Number of requests', PLAN_LIMITS.totalRequests),
  concurrency: wholeNumber('Concurrency', PLAN_LIMITS.concurrency),
  timeoutMs: wholeNumber('Timeout', PLAN_LIMITS.timeoutMs).default(PLAN_DEFAULTS.timeoutMs)
})

export type PlanField = keyof RunPlan
export type FieldErrors = Partial<Record<PlanField, string>>
/** `message` speaks of the plan as a whole (not an object, unknown settings): never typed in the form. */
export type PlanCheck = { ok: true; plan: RunPlan } | { ok: false; errors: FieldErrors; message?: string }

/** Judges a plan from an untrusted source (the renderer, over IPC). */
export function checkRunPlan(input: unknown): PlanCheck {
  const parsed = runPlanSchema.safeParse(input)
  if (parsed.success) return { ok: true, plan: parsed.data }
  const errors: FieldErrors = {}
  let message: string | undefined
  for (const issue of parsed.error.issues) {
    const field = issue.path[0]
    if (typeof field === 'string' && field in runPlanSchema.shape) errors[field as PlanField] ??= issue.message
    else if (issue.code === 'unrecognized_keys') message ??= `Unknown settings: ${issue.keys.join(', ')}.`
    else message ??= 'Not a run plan: expected an object with url, totalRequests and concurrency.'
  }
  return message ? { ok: false, errors, message } : { ok: false, errors }
}

/** The form's text fields, as typed. */
export interface RunForm {
  url: string
  totalRequests: string
  concurrency: string
}

/**
 * Turns typed text into a plan. Only an optional minus and digits are read as a number ("-5" is told
 * it must be at least 1); "1.5", "1e3", "ten" and "" are not whole numbers at all.
 */
export function checkRunForm(form: RunForm): PlanCheck {
  return checkRunPlan({
    url: form.url,
    totalRequests: parseTypedNumber(form.totalRequests),
    concurrency: parseTypedNumber(form.concurrency)
  })
}

function parseTypedNumber(text: string): number {
  const trimmed = text.trim().replace(/[_,\s]/g, '')
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
