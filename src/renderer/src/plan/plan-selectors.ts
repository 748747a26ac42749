import type { PlanFormPart, PlanFormValues, PlanTextFieldName } from './plan-form'
import type { PlanChoice, PlanSlice } from './plan-slice'
import { queryParamsOf, type QueryParam } from './query-params'

export const selectFieldText =
  (field: PlanTextFieldName) =>
  (state: PlanSlice): string =>
    state.fields[field]

export const selectChoice =
  <K extends PlanChoice>(choice: K) =>
  (state: PlanSlice): PlanFormValues[K] =>
    state.fields[choice]

/** The message a field shows now, or undefined while it is fine or untouched. */
export const selectFieldMessage =
  (field: PlanFormPart) =>
  (state: PlanSlice): string | undefined => {
    const refused = state.refusedErrors[field]
    if (!state.touched[field]) return refused
    const check = state.planCheck
    if (check.ok) return refused
    // A message about one header row shows on that row, not again under the table.
    if (field === 'headers' && Object.keys(check.headerRowErrors ?? {}).length > 0) return refused
    return check.errors[field] ?? refused
  }

/** The message of one header row, once the headers were edited. */
export const selectHeaderRowMessage =
  (id: number) =>
  (state: PlanSlice): string | undefined =>
    state.touched.headers && !state.planCheck.ok ? state.planCheck.headerRowErrors?.[id] : undefined

export const selectHeaderRows = (state: PlanSlice) => state.fields.headers

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

/** What the folded Request section holds beyond a plain GET, in a few words. */
export const selectRequestSummary = (state: PlanSlice): string => {
  const { method, headers, bodyKind, insecure } = state.fields
  const sent = headers.filter((row) => row.enabled && row.name.trim() !== '').length
  const parts = [method]
  if (sent > 0) parts.push(sent === 1 ? '1 header' : `${sent} headers`)
  if (bodyKind !== 'none') parts.push(bodyKind === 'json' ? 'JSON body' : 'text body')
  if (insecure) parts.push('insecure TLS')
  return parts.join(' · ')
}

/** The same for the Load section. */
export const selectLoadSummary = (state: PlanSlice): string => {
  const { stopAfter, model, pipelining, workers } = state.fields
  const parts = [model === 'open' ? 'open model' : 'closed model']
  if (stopAfter === 'duration') parts.push('stops after a duration')
  if (stopAfter === 'both') parts.push('stops at the first of count and duration')
  if (pipelining.trim() !== '' && pipelining.trim() !== '1') parts.push(`pipelining ${pipelining.trim()}`)
  if (workers.trim() !== '') parts.push(`${workers.trim()} workers`)
  return parts.join(' · ')
}
