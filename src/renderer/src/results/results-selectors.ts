import type { RunReport } from '../../../shared/report/run-report'
import type { RunSlice } from '../run/run-slice'
import type { ResultsSlice } from './results-slice'

/** The report of the run on screen, once main has it; undefined while a run goes or for another run. */
export const selectSummaryReport = (state: RunSlice & ResultsSlice): RunReport | undefined => {
  const last = state.lastReport
  return state.phase === 'ended' && last && last.runId === state.runId ? last.report : undefined
}

export const selectResultsView = (state: ResultsSlice) => state.resultsView
export const selectExportNotice = (state: ResultsSlice) => state.exportNotice
