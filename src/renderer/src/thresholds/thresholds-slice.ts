import { THRESHOLD_LIMITS } from '../../../shared/thresholds'
import type { SliceCreator } from '../app/stampede-store'
import { checkThresholdRows, type ThresholdListCheck, type ThresholdRow } from './threshold-list'

/** The pass-or-fail conditions typed in the form, judged on every edit by the shared parser. */
export interface ThresholdsSlice {
  thresholdRows: ThresholdRow[]
  thresholdCheck: ThresholdListCheck
  addThreshold(): void
  editThreshold(id: number, text: string): void
  removeThreshold(id: number): void
  /** Replaces every row with these expressions (a saved test's thresholds, opened). */
  loadThresholds(expressions: readonly string[]): void
}

let nextRowId = 1

export const createThresholdsSlice: SliceCreator<ThresholdsSlice> = () => (set) => ({
  thresholdRows: [],
  thresholdCheck: checkThresholdRows([]),
  addThreshold: () =>
    set((state) => {
      if (state.thresholdRows.length >= THRESHOLD_LIMITS.count) return {}
      return withRows([...state.thresholdRows, { id: nextRowId++, text: '' }])
    }),
  editThreshold: (id, text) =>
    set((state) => withRows(state.thresholdRows.map((row) => (row.id === id ? { ...row, text } : row)))),
  removeThreshold: (id) => set((state) => withRows(state.thresholdRows.filter((row) => row.id !== id))),
  loadThresholds: (expressions) =>
    set(withRows(expressions.slice(0, THRESHOLD_LIMITS.count).map((text) => ({ id: nextRowId++, text }))))
})

function withRows(thresholdRows: ThresholdRow[]): Pick<ThresholdsSlice, 'thresholdRows' | 'thresholdCheck'> {
  return { thresholdRows, thresholdCheck: checkThresholdRows(thresholdRows) }
}
