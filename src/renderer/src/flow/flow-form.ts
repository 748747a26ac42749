import type { CaptureSource, DataOrder, StepDefinition } from '../../../shared/flow/flow-definition'
import type { FlowPlan } from '../../../shared/flow/flow-plan'
import type { DataFilePreview } from '../../../shared/ipc'

/**
 * A flow as the designer holds it: rows of text as typed, each with an id for React and for the
 * messages that land on it. flowPlanOf reads it into the plan's flow; flowFormOf is the way back.
 */

export interface CaptureRow {
  id: number
  variable: string
  source: CaptureSource
  expression: string
}

export interface CheckRow {
  id: number
  text: string
}

export interface NameValueRow {
  id: number
  name: string
  value: string
}

export interface StepRow {
  id: number
  name: string
  method: string
  url: string
  headers: NameValueRow[]
  body: string
  captures: CaptureRow[]
  checks: CheckRow[]
  /** `500ms`, `1s-3s`, or empty for none. */
  think: string
  /** Comma-separated, as typed: `p99<250ms, error_rate<1%`. */
  thresholds: string
  disabled: boolean
}

export interface FlowDataForm extends DataFilePreview {
  order: DataOrder
}

export interface FlowFormValues {
  steps: StepRow[]
  variables: NameValueRow[]
  data?: FlowDataForm
}

let lastId = 0
const nextId = (): number => ++lastId

export const captureRow = (variable = '', source: CaptureSource = 'json', expression = ''): CaptureRow => ({
  id: nextId(),
  variable,
  source,
  expression
})
export const checkRow = (text = ''): CheckRow => ({ id: nextId(), text })
export const nameValueRow = (name = '', value = ''): NameValueRow => ({ id: nextId(), name, value })

export function stepRow(fields: Partial<Omit<StepRow, 'id'>> = {}): StepRow {
  return {
    name: '',
    method: 'GET',
    url: '',
    headers: [],
    body: '',
    captures: [],
    checks: [],
    think: '',
    thresholds: '',
    disabled: false,
    ...fields,
    id: nextId()
  }
}

/** A copy with ids of its own, named as a copy. */
export function duplicateOf(step: StepRow): StepRow {
  return stepRow({
    ...step,
    name: step.name === '' ? '' : `${step.name} (copy)`,
    headers: step.headers.map((row) => nameValueRow(row.name, row.value)),
    captures: step.captures.map((row) => captureRow(row.variable, row.source, row.expression)),
    checks: step.checks.map((row) => checkRow(row.text))
  })
}

/** Moves the item with `id` by `delta` places (-1: up), within the list's ends. */
export function moved<T extends { id: number }>(rows: readonly T[], id: number, delta: number): T[] {
  const from = rows.findIndex((row) => row.id === id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= rows.length) return [...rows]
  const next = [...rows]
  const [row] = next.splice(from, 1)
  next.splice(to, 0, row)
  return next
}

/** Thresholds as typed in one field, one expression between commas. */
export function thresholdsOf(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** The think time as the plan holds it; undefined for none or for text parseThink refuses (judged where typed). */
export function stepDefinitionOf(row: StepRow, think: StepDefinition['think']): StepDefinition {
  const definition: StepDefinition = {
    method: row.method,
    url: row.url.trim(),
    headers: row.headers.filter((header) => header.name.trim() !== '').map((header): [string, string] => [header.name.trim(), header.value]),
    captures: row.captures
      .filter((capture) => capture.variable.trim() !== '' || capture.expression.trim() !== '')
      .map((capture) => ({ variable: capture.variable.trim(), source: capture.source, expression: capture.expression.trim() })),
    checks: row.checks.map((check) => check.text.trim()).filter((text) => text !== ''),
    thresholds: thresholdsOf(row.thresholds)
  }
  if (row.name.trim() !== '') definition.name = row.name.trim()
  if (row.body !== '') definition.body = row.body
  if (think) definition.think = think
  if (row.disabled) definition.disabled = true
  return definition
}

/** The flow's variables and data as the plan holds them (the steps are read with their think times by the judge). */
export function flowVariablesOf(flow: FlowFormValues): Pick<FlowPlan, 'variables' | 'data'> {
  const variables = flow.variables.filter((row) => row.name.trim() !== '').map((row): [string, string] => [row.name.trim(), row.value])
  const data = flow.data && { file: flow.data.file, order: flow.data.order, columns: flow.data.columns, rows: flow.data.rows }
  return data ? { variables, data } : { variables }
}

/** The way back: a plan's flow as rows. The preview of a data file is not in a plan: it shows its columns only. */
export function flowFormOf(flow: FlowPlan, thinkText: (think: NonNullable<StepDefinition['think']>) => string): FlowFormValues {
  return {
    variables: flow.variables.map(([name, value]) => nameValueRow(name, value)),
    data: flow.data && { file: flow.data.file, order: flow.data.order, columns: flow.data.columns, rows: flow.data.rows, preview: [] },
    steps: flow.steps.map((step) =>
      stepRow({
        name: step.name ?? '',
        method: step.method,
        url: step.url,
        headers: step.headers.map(([name, value]) => nameValueRow(name, value)),
        body: step.body ?? '',
        captures: step.captures.map((capture) => captureRow(capture.variable, capture.source, capture.expression)),
        checks: step.checks.map((text) => checkRow(text)),
        think: step.think ? thinkText(step.think) : '',
        thresholds: step.thresholds.join(', '),
        disabled: step.disabled ?? false
      })
    )
  }
}

/** The variables a step may use: the flow's, the data file's columns, and what earlier enabled steps capture. */
export function variablesKnownAt(flow: FlowFormValues, stepIndex: number): string[] {
  const names = new Set<string>()
  for (const row of flow.variables) if (row.name.trim() !== '') names.add(row.name.trim())
  for (const column of flow.data?.columns ?? []) names.add(column)
  flow.steps.slice(0, stepIndex).forEach((step) => {
    if (!step.disabled) for (const capture of step.captures) if (capture.variable.trim() !== '') names.add(capture.variable.trim())
  })
  return [...names]
}

/** Add step on the one-URL form: its request becomes step 1, and a blank step 2 follows it. */
export function flowStartedFrom(request: { url: string; method: string; headers: ReadonlyArray<{ name: string; value: string; enabled: boolean }>; body: string; bodyKind: string }): FlowFormValues {
  const first = stepRow({
    method: request.method,
    url: request.url,
    headers: request.headers.filter((row) => row.enabled && row.name.trim() !== '').map((row) => nameValueRow(row.name, row.value)),
    body: request.bodyKind === 'none' ? '' : request.body
  })
  return { steps: [first, stepRow()], variables: [] }
}
