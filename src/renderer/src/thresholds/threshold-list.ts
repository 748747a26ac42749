import { parseThreshold, THRESHOLD_LIMITS, type Threshold } from '../../../shared/thresholds'

/** One line of the thresholds editor; the id keeps focus on the right input when a line is removed. */
export interface ThresholdRow {
  id: number
  text: string
}

export interface ThresholdListCheck {
  /** Every row's message by id, for the rows that are wrong. */
  messages: Record<number, string>
  /** The rows' thresholds in order; blank rows are no threshold. */
  thresholds: Threshold[]
  ok: boolean
}

/** Judges every row with the shared parser, as main will (src/shared/thresholds.ts parseThresholdList). */
export function checkThresholdRows(rows: readonly ThresholdRow[]): ThresholdListCheck {
  const messages: Record<number, string> = {}
  const thresholds: Threshold[] = []
  for (const row of rows) {
    if (row.text.trim() === '') continue
    if (row.text.length > THRESHOLD_LIMITS.length) {
      messages[row.id] = `At most ${THRESHOLD_LIMITS.length} characters.`
      continue
    }
    const parsed = parseThreshold(row.text)
    if (parsed.ok) thresholds.push(parsed.threshold)
    else messages[row.id] = parsed.message
  }
  return { messages, thresholds, ok: Object.keys(messages).length === 0 }
}
