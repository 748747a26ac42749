import type { FlowProblem } from '../../../shared/flow/compile-flow'
import type { FlowFormValues } from './flow-form'

/**
 * Names of the designer's cells, so a message lands on the cell it is about: compileFlow's path in
 * the file (`['steps', 1, 'capture', 'token']`) becomes the row it was typed in.
 */
export type StepPart = 'name' | 'method' | 'url' | 'body' | 'think' | 'thresholds'
export const stepCell = (stepId: number, part: StepPart): string => `step-${stepId}-${part}`
export const rowCell = (rowId: number): string => `row-${rowId}`
/** Messages about the flow as a whole (every step disabled, a data file). */
export const FLOW_CELL = 'flow'

export function flowCellOf(flow: FlowFormValues, problem: FlowProblem): string {
  const [top, index, key, sub] = problem.path
  if (top !== 'steps' || typeof index !== 'number') return FLOW_CELL
  const step = flow.steps[index]
  if (!step) return FLOW_CELL
  switch (key) {
    case 'headers': {
      const row = step.headers.find((header) => header.name.trim() === sub)
      return row ? rowCell(row.id) : stepCell(step.id, 'url')
    }
    case 'capture': {
      const row = step.captures.find((capture) => capture.variable.trim() === sub)
      return row ? rowCell(row.id) : stepCell(step.id, 'url')
    }
    case 'check': {
      const typed = step.checks.filter((check) => check.text.trim() !== '')
      const row = typeof sub === 'number' ? typed[sub] : undefined
      return row ? rowCell(row.id) : stepCell(step.id, 'url')
    }
    case 'method':
    case 'body':
    case 'url':
      return stepCell(step.id, key)
    default:
      return stepCell(step.id, 'url')
  }
}
