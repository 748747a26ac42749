import type { DataDefinition, FlowDefinition } from './flow-definition'
import type { RowStripe } from './row-stripe'

/**
 * A flow as a run plan carries it (RunPlan.flow): the file's definition, with its data file looked
 * at before the run (src/control/data-file.ts) and the stripe of rows this plan's engine takes.
 */
export interface FlowPlan extends Omit<FlowDefinition, 'data'> {
  data?: FlowData
  /** The rows (and iteration numbers) this engine takes; absent: all of them (../flow/row-stripe.ts). */
  stripe?: RowStripe
}

export interface FlowData extends DataDefinition {
  /** Absolute by the time a run starts: the engine reads it. */
  file: string
  /** The header row's names, in order: the variables each row defines. */
  columns: string[]
  /** Rows in the whole file (the header row not counted). */
  rows: number
}

/** How much of a body captures and checks read unless a step says otherwise. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024

/** Past these a flow is a typo, not a test. */
export const FLOW_LIMITS = {
  steps: 100,
  variables: 1000,
  capturesPerStep: 50,
  checksPerStep: 50,
  /** A body read for captures and checks: 100 MB. */
  bodyLimitBytes: 100 * 1024 * 1024,
  /** An hour. */
  thinkMs: 3_600_000
} as const

/** How a CSV data file is read, by the look before the run and by each engine: one reading. */
export const DATA_CSV_OPTIONS = { bom: true, skip_empty_lines: true, trim: false } as const
