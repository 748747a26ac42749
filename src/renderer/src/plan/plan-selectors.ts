import { impliedRequests, peakTarget, shapeDurationMs, type LoadStage } from '../../../shared/load-shape'
import { parseTypedNumber } from '../../../shared/typed-number'
import { stopAfterOf, type PlanFormPart, type PlanFormValues, type PlanTextFieldName } from './plan-form'
import type { PlanChoice, PlanSlice } from './plan-slice'
import { queryParamsOf, type QueryParam } from './query-params'
import { startFieldOf } from './shape-form'
import { stagesOf } from './stage-rows'

export const selectFieldText =
  (field: PlanTextFieldName) =>
  (state: PlanSlice): string =>
    state.fields[field]

export const selectChoice =
  <K extends PlanChoice>(choice: K) =>
  (state: PlanSlice): PlanFormValues[K] =>
    state.fields[choice]

/** When the run stops, as the plan will read it (the shape's end only while there are stages). */
export const selectStopAfter = (state: PlanSlice) => stopAfterOf(state.fields)

/** The message a field shows now, or undefined while it is fine or untouched. */
export const selectFieldMessage =
  (field: PlanFormPart) =>
  (state: PlanSlice): string | undefined => {
    const refused = state.refusedErrors[field]
    if (!state.touched[field]) return refused
    const check = state.planCheck
    if (check.ok) return refused
    // A message about one header row or stage shows on that row, not again under the table.
    if (field === 'headers' && Object.keys(check.headerRowErrors ?? {}).length > 0) return refused
    if (field === 'stages' && Object.keys(check.stageRowErrors ?? {}).length > 0) return refused
    return check.errors[field] ?? refused
  }

/** The messages of the header rows by row id, once the headers were edited (a stable object between judgements). */
export const selectHeaderRowMessages = (state: PlanSlice): Record<number, string> | undefined =>
  state.touched.headers && !state.planCheck.ok ? state.planCheck.headerRowErrors : undefined

/** The message of one header row, once the headers were edited. */
export const selectHeaderRowMessage =
  (id: number) =>
  (state: PlanSlice): string | undefined =>
    selectHeaderRowMessages(state)?.[id]

export const selectHeaderRows = (state: PlanSlice) => state.fields.headers

export const selectStageRows = (state: PlanSlice) => state.fields.stages

/** The messages of the stage rows by row id, once the stages were edited. */
export const selectStageRowMessages = (state: PlanSlice): Record<number, string> | undefined =>
  state.touched.stages && !state.planCheck.ok ? state.planCheck.stageRowErrors : undefined

/** The message of one stage row, once the stages were edited. */
export const selectStageRowMessage =
  (id: number) =>
  (state: PlanSlice): string | undefined =>
    selectStageRowMessages(state)?.[id]

/** The shape as the form draws it: what its targets count, where it starts, its stages and totals. */
export interface ShapePreview {
  unit: 'rate' | 'connections'
  start: number
  stages: LoadStage[]
  totalMs: number
  peak: number
  /** The open model's requests in all, from the integral of the rate. */
  requests: number | undefined
}

let lastShapeInput: unknown[] = []
let lastShape: ShapePreview | undefined

/**
 * The shape the rows describe, or undefined while any number in it does not read (the chart waits
 * for text it can draw). The same object while its inputs are unchanged.
 */
export const selectShapePreview = (state: PlanSlice): ShapePreview | undefined => {
  const { shaped, stages: rows, model } = state.fields
  const startText = state.fields[startFieldOf(state.fields)]
  const input = [shaped, rows, model, startText]
  if (input.every((value, index) => value === lastShapeInput[index])) return lastShape
  lastShapeInput = input
  lastShape = shaped ? shapePreviewOf(model === 'open' ? 'rate' : 'connections', parseTypedNumber(startText), stagesOf(rows)) : undefined
  return lastShape
}

function shapePreviewOf(unit: ShapePreview['unit'], start: number, stages: LoadStage[]): ShapePreview | undefined {
  const readable = (value: number): boolean => Number.isFinite(value) && value >= 0
  if (!readable(start) || stages.length === 0 || !stages.every((stage) => readable(stage.durationMs) && readable(stage.target))) {
    return undefined
  }
  const totalMs = shapeDurationMs(stages)
  const requests = unit === 'rate' ? impliedRequests(start, stages) : undefined
  return { unit, start, stages, totalMs, peak: peakTarget(start, stages), requests }
}

export const selectPlanIsValid = (state: PlanSlice): boolean => state.planCheck.ok

let lastUrl: string | undefined
let lastParams: QueryParam[] = []

/** The URL's query as rows; the same array while the URL is unchanged, so a subscriber is not re-rendered. */
export const selectQueryParams = (state: PlanSlice): QueryParam[] => {
  if (state.fields.url !== lastUrl) {
    lastUrl = state.fields.url
    lastParams = queryParamsOf(lastUrl)
  }
  return lastParams
}

/** The protocols as the form names them. */
export const PROTOCOL_NAMES: Readonly<Record<PlanFormValues['protocol'], string>> = {
  http1: 'HTTP/1.1',
  h2: 'HTTP/2',
  h2c: 'h2c'
}

/** What the folded Request section holds beyond a plain GET, in a few words. */
export const selectRequestSummary = (state: PlanSlice): string => {
  const { method, headers, bodyKind, insecure, protocol } = state.fields
  const sent = headers.filter((row) => row.enabled && row.name.trim() !== '').length
  const parts = [method]
  if (protocol !== 'http1') parts.push(PROTOCOL_NAMES[protocol])
  if (sent > 0) parts.push(sent === 1 ? '1 header' : `${sent} headers`)
  if (bodyKind !== 'none') parts.push(bodyKind === 'json' ? 'JSON body' : 'text body')
  if (insecure) parts.push('insecure TLS')
  return parts.join(' · ')
}

/** The same for the Load section. */
export const selectLoadSummary = (state: PlanSlice): string => {
  const { model, pipelining, workers, shaped, stages } = state.fields
  const stopAfter = stopAfterOf(state.fields)
  const parts = [model === 'open' ? 'open model' : 'closed model']
  if (shaped) parts.push(stages.length === 1 ? '1 stage' : `${stages.length} stages`)
  if (stopAfter === 'duration') parts.push('stops after a duration')
  if (stopAfter === 'both') parts.push('stops at the first of count and duration')
  if (pipelining.trim() !== '' && pipelining.trim() !== '1') parts.push(`pipelining ${pipelining.trim()}`)
  if (workers.trim() !== '') parts.push(`${workers.trim()} workers`)
  return parts.join(' · ')
}
