import { PLAN_DEFAULTS, type Protocol, type RunPlan, type RunPlanInput } from '../../../shared/run-plan'
import { typedSecondsAsMs } from '../../../shared/typed-seconds'
import { checkRunPlan, parseTypedNumber, type FieldErrors, type PlanField } from '../../../shared/validation'
import { stageRowErrorOf, stagesOf, type StageRow } from './stage-rows'

/** The methods the form offers; an imported command may bring another, which is kept. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const

export type BodyKind = 'none' | 'text' | 'json'
/** After a number of requests, after a duration, whichever comes first, or (with stages) at the shape's end. */
export type StopAfter = 'requests' | 'duration' | 'both' | 'shape'
/** Closed: connections send as they are answered. Open: requests start at a rate. */
export type LoadModel = 'closed' | 'open'

export interface HeaderRow {
  /** Names the row for React and for edits; never sent. */
  id: number
  name: string
  value: string
  /** A row switched off stays in the form and is not sent. */
  enabled: boolean
}

/** The plan form as the user left it: text as typed, choices, rows. checkPlanForm reads it into a plan. */
export interface PlanFormValues {
  url: string
  method: string
  headers: HeaderRow[]
  bodyKind: BodyKind
  body: string
  /** Milliseconds. */
  timeout: string
  protocol: Protocol
  /** Accept any TLS certificate: an explicit choice, shown even while the section is folded. */
  insecure: boolean
  stopAfter: StopAfter
  totalRequests: string
  /** Seconds, decimals allowed. */
  duration: string
  model: LoadModel
  concurrency: string
  ratePerSecond: string
  pipelining: string
  /** Empty: the app's default (one per core but one). */
  workers: string
  /** A load shape: the rate (open model) or the connections (closed) ramp from stage to stage. */
  shaped: boolean
  /** Kept while `shaped` is off, so switching it back on loses nothing. */
  stages: StageRow[]
}

/** The fields typed into an input of their own. */
export type PlanTextFieldName =
  | 'url'
  | 'body'
  | 'timeout'
  | 'totalRequests'
  | 'duration'
  | 'concurrency'
  | 'ratePerSecond'
  | 'pipelining'
  | 'workers'

/** The fields of the simplest job, always in view: the URL, the number of requests, the connections. */
export type PlanFormField = 'url' | 'totalRequests' | 'concurrency'

/** Any part of the form that shows a message of its own, folded away or not. */
export type PlanFormPart = PlanTextFieldName | 'method' | 'headers' | 'protocol' | 'insecure' | 'stages'

export type PlanFormErrors = Partial<Record<PlanFormPart, string>>

export type PlanFormCheck =
  | { ok: true; plan: RunPlan }
  | {
      ok: false
      errors: PlanFormErrors
      /** With a headers message: the message of each row at fault, by row id. */
      headerRowErrors?: Record<number, string>
      /** With a stages message about one stage: that message, by the stage row's id. */
      stageRowErrors?: Record<number, string>
    }

/** The Content-Type a body kind is sent with, unless a header row of the user's sets one. */
export const BODY_CONTENT_TYPES: Readonly<Record<Exclude<BodyKind, 'none'>, string>> = {
  text: 'text/plain; charset=utf-8',
  json: 'application/json'
}

/** Where each field of the plan is typed, so the shared validation's messages land next to it. */
const FORM_PART_OF: Readonly<Record<PlanField, PlanFormPart>> = {
  url: 'url',
  method: 'method',
  headers: 'headers',
  body: 'body',
  totalRequests: 'totalRequests',
  durationMs: 'duration',
  concurrency: 'concurrency',
  pipelining: 'pipelining',
  ratePerSecond: 'ratePerSecond',
  timeoutMs: 'timeout',
  workers: 'workers',
  stages: 'stages',
  protocol: 'protocol',
  insecure: 'insecure'
}

let lastRowId = 0

export function headerRow(name = '', value = '', enabled = true): HeaderRow {
  return { id: ++lastRowId, name, value, enabled }
}

/** What the form shows before anything is typed: a GET, a count and connections, nothing else. */
export const INITIAL_PLAN_FORM_VALUES: PlanFormValues = {
  url: '',
  method: PLAN_DEFAULTS.method,
  headers: [],
  bodyKind: 'none',
  body: '',
  timeout: String(PLAN_DEFAULTS.timeoutMs),
  protocol: PLAN_DEFAULTS.protocol,
  insecure: PLAN_DEFAULTS.insecure,
  stopAfter: 'requests',
  totalRequests: String(PLAN_DEFAULTS.totalRequests),
  duration: '',
  model: 'closed',
  concurrency: String(PLAN_DEFAULTS.concurrency),
  ratePerSecond: '',
  pipelining: String(PLAN_DEFAULTS.pipelining),
  workers: '',
  shaped: false,
  stages: []
}

/** A form given in part (as tests write it): the rest as the form first shows it. */
export type PlanFormInput = Pick<PlanFormValues, 'url' | 'totalRequests' | 'concurrency'> & Partial<PlanFormValues>

/**
 * Reads the form into a plan and judges it with the shared validation: every message is the
 * schema's, put next to the field it was typed in. The one judgement of the form's own is the
 * body's JSON syntax (a body-editor concern the plan does not have): a JSON body that does not
 * parse is an error on the body, so it blocks Submit like any other.
 */
export function checkPlanForm(input: PlanFormInput): PlanFormCheck {
  const form: PlanFormValues = { ...INITIAL_PLAN_FORM_VALUES, ...input }
  const check = checkRunPlan(planInputOf(form))
  const jsonProblem = form.bodyKind === 'json' ? jsonSyntaxProblem(form.body) : undefined
  if (check.ok && !jsonProblem) return check
  const errors = check.ok ? {} : formErrorsOf(check.errors)
  if (jsonProblem) errors.body ??= jsonProblem
  const failed: PlanFormCheck = { ok: false, errors }
  if (errors.headers) failed.headerRowErrors = headerRowErrorsOf(form)
  if (errors.stages) failed.stageRowErrors = stageRowErrorOf(errors.stages, form.stages)
  return failed
}

/** Main's refusals, or any plan's messages, on the form's fields. */
export function formErrorsOf(errors: FieldErrors): PlanFormErrors {
  const onForm: PlanFormErrors = {}
  for (const [field, message] of Object.entries(errors)) onForm[FORM_PART_OF[field as PlanField]] ??= message
  return onForm
}

/** The rows that are sent: switched on, and not left blank. */
function sentRows(form: PlanFormValues): HeaderRow[] {
  return form.headers.filter((row) => row.enabled && (row.name.trim() !== '' || row.value.trim() !== ''))
}

function planInputOf(form: PlanFormValues): RunPlanInput {
  const headers = sentRows(form).map((row): [string, string] => [row.name.trim(), row.value.trim()])
  const hasBody = form.bodyKind !== 'none'
  if (form.bodyKind !== 'none' && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', BODY_CONTENT_TYPES[form.bodyKind]])
  }
  const input: RunPlanInput = {
    url: form.url,
    method: form.method,
    headers,
    timeoutMs: parseTypedNumber(form.timeout),
    protocol: form.protocol,
    insecure: form.insecure,
    concurrency: parseTypedNumber(form.concurrency),
    pipelining: parseTypedNumber(form.pipelining)
  }
  if (hasBody) input.body = form.body
  const stopAfter = stopAfterOf(form)
  if (stopAfter === 'requests' || stopAfter === 'both') input.totalRequests = parseTypedNumber(form.totalRequests)
  if (stopAfter === 'duration' || stopAfter === 'both') input.durationMs = typedSecondsAsMs(form.duration)
  if (form.shaped) input.stages = stagesOf(form.stages)
  if (form.model === 'open') input.ratePerSecond = parseTypedNumber(form.ratePerSecond)
  if (form.workers.trim() !== '') input.workers = parseTypedNumber(form.workers)
  return input
}

/** The shape's end is a stop only while there is a shape; without one, the count stops the run. */
export function stopAfterOf(form: Pick<PlanFormValues, 'stopAfter' | 'shaped'>): StopAfter {
  return form.stopAfter === 'shape' && !form.shaped ? 'requests' : form.stopAfter
}

function jsonSyntaxProblem(body: string): string | undefined {
  try {
    JSON.parse(body)
    return undefined
  } catch (error) {
    return `The body is not valid JSON: ${(error as Error).message}`
  }
}

/** Each sent row judged alone by the shared validation, to say which row a headers message is about. */
function headerRowErrorsOf(form: PlanFormValues): Record<number, string> {
  const rowErrors: Record<number, string> = {}
  for (const row of sentRows(form)) {
    const check = checkRunPlan({
      url: 'http://127.0.0.1/',
      totalRequests: 1,
      concurrency: 1,
      headers: [[row.name.trim(), row.value.trim()]]
    })
    if (!check.ok && check.errors.headers) rowErrors[row.id] = check.errors.headers
  }
  return rowErrors
}
