import { evaluateThresholds, formatThresholdActual, type ThresholdStatus } from '../../../shared/thresholds'
import type { RunSlice } from '../run/run-slice'
import type { ThresholdsSlice } from './thresholds-slice'

export const selectThresholdRows = (state: ThresholdsSlice) => state.thresholdRows
export const selectThresholdsAreValid = (state: ThresholdsSlice): boolean => state.thresholdCheck.ok
export const selectThresholdMessages = (state: ThresholdsSlice) => state.thresholdCheck.messages

export interface ThresholdTileState {
  expression: string
  status: ThresholdStatus
  /** The figure judged, as people read it ("212 ms", "0.40%"), or "–" before there is one. */
  actual: string
}

let memo: { snapshot: RunSlice['snapshot']; thresholds: RunSlice['runThresholds']; checks: ThresholdTileState[] } | undefined

/**
 * The run's thresholds judged on what the screen shows: live while it goes (a condition already lost
 * shows as failed at once), final once it ended. The same array while the snapshot is the same, so
 * components re-render only when a snapshot arrives.
 */
export function selectThresholdTiles(state: RunSlice): ThresholdTileState[] {
  const { snapshot, runThresholds } = state
  if (memo && memo.snapshot === snapshot && memo.thresholds === runThresholds) return memo.checks
  const checks =
    snapshot && runThresholds.length > 0
      ? evaluateThresholds(runThresholds, snapshot, { final: state.phase === 'ended' && state.result?.outcome === 'finished' }).map(
          (check) => ({
            expression: check.expression,
            status: check.status,
            actual: check.actual === null ? '–' : formatThresholdActual(check.metric, check.actual)
          })
        )
      : []
  memo = { snapshot, thresholds: runThresholds, checks }
  return checks
}
