import { formatCount } from '../../../shared/format'
import { MAX_RUNS_LIMITS } from '../../../shared/run-history'

export type MaxRunsCheck = { ok: true; count: number } | { ok: false; message: string }

/** "Keep the last N runs" as typed: a whole number within MAX_RUNS_LIMITS (main checks it again). */
export function checkMaxRuns(text: string): MaxRunsCheck {
  const trimmed = text.trim()
  const { min, max } = MAX_RUNS_LIMITS
  const range = `from ${formatCount(min)} to ${formatCount(max)}`
  if (trimmed === '') return { ok: false, message: `Enter how many runs to keep, ${range}.` }
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: `Enter a whole number of runs, ${range}.` }
  const count = Number(trimmed)
  if (count < min || count > max) return { ok: false, message: `Keep ${range} runs.` }
  return { ok: true, count }
}
