import type { DataOrder } from '../../../shared/flow/flow-definition'
import type { DataFilePreview } from '../../../shared/ipc'
import { duplicateOf, moved, type FlowFormValues, type StepRow } from './flow-form'

/** The changes the designer makes to a flow, each a function for the plan slice's editFlow. */
export type FlowChange = (flow: FlowFormValues) => FlowFormValues

/** The step's row lists that are tables of their own. */
export type StepRowsKey = 'headers' | 'captures' | 'checks'

const onSteps = (change: (steps: StepRow[]) => StepRow[]): FlowChange => (flow) => ({ ...flow, steps: change(flow.steps) })

export const editStep = (id: number, change: Partial<Omit<StepRow, 'id'>>): FlowChange =>
  onSteps((steps) => steps.map((step) => (step.id === id ? { ...step, ...change } : step)))

export const moveStep = (id: number, delta: number): FlowChange => onSteps((steps) => moved(steps, id, delta))

/** Drag and drop: the dragged step takes the place of the one it was dropped on. */
export const moveStepTo = (id: number, ontoId: number): FlowChange =>
  onSteps((steps) => {
    const from = steps.findIndex((step) => step.id === id)
    const to = steps.findIndex((step) => step.id === ontoId)
    return from < 0 || to < 0 ? steps : moved(steps, id, to - from)
  })

export const duplicateStep = (id: number): FlowChange =>
  onSteps((steps) => steps.flatMap((step) => (step.id === id ? [step, duplicateOf(step)] : [step])))

export const removeStep = (id: number): FlowChange => onSteps((steps) => steps.filter((step) => step.id !== id))

/** Edits one of a step's tables (headers, captures, checks). */
export function editStepRows<K extends StepRowsKey>(stepId: number, key: K, change: (rows: StepRow[K]) => StepRow[K]): FlowChange {
  return onSteps((steps) => steps.map((step) => (step.id === stepId ? { ...step, [key]: change(step[key]) } : step)))
}

export const editVariables =
  (change: (rows: FlowFormValues['variables']) => FlowFormValues['variables']): FlowChange =>
  (flow) => ({ ...flow, variables: change(flow.variables) })

export const withDataFile =
  (data: DataFilePreview): FlowChange =>
  (flow) => ({ ...flow, data: { ...data, order: flow.data?.order ?? 'sequential' } })

export const chooseDataOrder =
  (order: DataOrder): FlowChange =>
  (flow) => (flow.data ? { ...flow, data: { ...flow.data, order } } : flow)

export const removeDataFile: FlowChange = ({ data: _data, ...flow }) => flow
