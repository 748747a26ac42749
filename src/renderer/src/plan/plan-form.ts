import { PLAN_DEFAULTS, type Protocol, type RunPlan } from '../../../shared/run-plan'
import type { FieldErrors, PlanField } from '../../../shared/validation'
import type { StageRow } from './stage-rows'
import type { FlowFormValues } from '../flow/flow-form'

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
  /** Steps, once Add step made the one request a flow (../flow/flow-form.ts); absent: the one-URL form. */
  flow?: FlowFormValues
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
export type PlanFormPart = PlanTextFieldName | 'method' | 'headers' | 'protocol' | 'insecure' | 'stages' | 'flow'

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
      /** A flow's messages, each on the cell it is about (../flow/flow-cells.ts names the cells). */
      flowCellErrors?: Record<string, string>
      /** The judge has not loaded yet (the window's first moments): nothing to say, nothing to send. */
      pending?: true
    }

/** Judges the form (./plan-form-check.ts, loaded after the window's first paint). */
export type PlanJudge = (form: PlanFormInput) => PlanFormCheck

export const PENDING_PLAN_CHECK: PlanFormCheck = { ok: false, errors: {}, pending: true }

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
  insecure: 'insecure',
  flow: 'flow',
  iterations: 'totalRequests'
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

/** Main's refusals, or any plan's messages, on the form's fields. */
export function formErrorsOf(errors: FieldErrors): PlanFormErrors {
  const onForm: PlanFormErrors = {}
  for (const [field, message] of Object.entries(errors)) onForm[FORM_PART_OF[field as PlanField]] ??= message
  return onForm
}

/** The shape's end is a stop only while there is a shape; without one, the count stops the run. */
export function stopAfterOf(form: Pick<PlanFormValues, 'stopAfter' | 'shaped'>): StopAfter {
  return form.stopAfter === 'shape' && !form.shaped ? 'requests' : form.stopAfter
}
