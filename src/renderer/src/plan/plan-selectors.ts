import type { PlanFormField } from './plan-form'
import type { PlanSlice } from './plan-slice'

export const selectFieldText =
  (field: PlanFormField) =>
  (state: PlanSlice): string =>
    state.fields[field]

/** The message a field shows now, or undefined while it is fine or untouched. */
export const selectFieldMessage =
  (field: PlanFormField) =>
  (state: PlanSlice): string | undefined => {
    const refused = state.refusedErrors[field]
    if (!state.touched[field]) return refused
    return (state.planCheck.ok ? undefined : state.planCheck.errors[field]) ?? refused
  }

export const selectPlanIsValid = (state: PlanSlice): boolean => state.planCheck.ok
