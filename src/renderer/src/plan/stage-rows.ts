import type { LoadStage } from '../../../shared/load-shape'
import { parseTypedNumber } from '../../../shared/typed-number'
import { typedSecondsAsMs } from '../../../shared/typed-seconds'

/** One stage as typed: how long (seconds, decimals allowed) and the target it ramps to. */
export interface StageRow {
  /** Names the row for React and for edits; never sent. */
  id: number
  duration: string
  target: string
}

let lastStageRowId = 0

export function stageRow(duration = '', target = ''): StageRow {
  return { id: ++lastStageRowId, duration, target }
}

/** The stages the rows say, read as the plan reads numbers; a row that does not read is NaN, for the schema to name. */
export function stagesOf(rows: readonly StageRow[]): LoadStage[] {
  return rows.map((row) => ({ durationMs: typedSecondsAsMs(row.duration), target: parseTypedNumber(row.target) }))
}

export function stageRowsOf(stages: readonly LoadStage[]): StageRow[] {
  return stages.map((stage) => stageRow(String(stage.durationMs / 1000), String(stage.target)))
}

/**
 * Puts the shared validation's stage message on its row: a message about one stage starts
 * "Stage N: " (src/shared/validation.ts); one about the stages together stays with the table.
 */
export function stageRowErrorOf(message: string, rows: readonly StageRow[]): Record<number, string> {
  const match = /^Stage (\d+): /.exec(message)
  const row = match ? rows[Number(match[1]) - 1] : undefined
  return row ? { [row.id]: message } : {}
}
