import type { PlanSlice } from '../plan/plan-slice'
import { variablesKnownAt, type FlowFormValues } from './flow-form'

export const selectFlow = (state: PlanSlice): FlowFormValues | undefined => state.fields.flow

/** A cell's message (./flow-cells.ts), once the flow was edited or a start was tried. */
export const selectFlowCellMessage =
  (cell: string) =>
  (state: PlanSlice): string | undefined => {
    if (!state.touched.flow || state.planCheck.ok) return undefined
    return state.planCheck.flowCellErrors?.[cell]
  }

/** The variables a step may use, as one string (stable for a selector): split on ','. */
export const selectKnownAt =
  (stepIndex: number) =>
  (state: PlanSlice): string => {
    const flow = state.fields.flow
    return flow ? variablesKnownAt(flow, stepIndex).join(',') : ''
  }
