import type { RunRecordSummary, StoredRun } from '../../../shared/run-history'
import type { SavedTestsSlice } from '../saved-tests/saved-tests-slice'
import type { HistorySlice } from './history-slice'

export const selectHistoryRuns = (state: HistorySlice) => state.historyRuns
export const selectHistoryStatus = (state: HistorySlice) => state.historyStatus
export const selectHistoryNotice = (state: HistorySlice) => state.historyNotice
export const selectHistoryPage = (state: HistorySlice) => state.historyPage
export const selectHistoryScope = (state: HistorySlice) => state.historyScope
export const selectCheckedRunIds = (state: HistorySlice) => state.checkedRunIds

/** Compare takes exactly two ticked runs. */
export const selectCanCompareChecked = (state: HistorySlice): boolean => state.checkedRunIds.length === 2

/** The stored run the History view shows whole, once fetched. */
export const selectOpenedRun = (state: HistorySlice): StoredRun | undefined =>
  state.historyPage.kind === 'run' ? state.storedRuns[state.historyPage.runId] : undefined

/** The two runs compared, base first; select with useShallow (a new pair each call). */
export const selectComparedRuns = (state: HistorySlice): [base: StoredRun, next: StoredRun] | undefined => {
  const page = state.historyPage
  if (page.kind !== 'compare') return undefined
  const base = state.storedRuns[page.baseId]
  const next = state.storedRuns[page.nextId]
  return base && next ? [base, next] : undefined
}

/** The baseline of the run's test among the listed runs, unless the run is it (or has no test). */
export function baselineFor(runs: readonly RunRecordSummary[], run: RunRecordSummary): RunRecordSummary | undefined {
  if (run.testId === null || run.isBaseline) return undefined
  return runs.find((candidate) => candidate.isBaseline && candidate.testId === run.testId)
}

/** Why a run cannot be run again, for the disabled button's title; undefined when it can. */
export function rerunRefusal(run: RunRecordSummary): string | undefined {
  return run.source === 'import'
    ? 'An imported run has no plan to run again: a report leaves out header values and the body.'
    : undefined
}

// Made on first use, not as the store loads: a window's first Intl formatter loads ICU data (wt-results' measure).
let startedAtFormat: Intl.DateTimeFormat | undefined

/** When the run started, in the user's own time zone and locale. */
export function startedAtText(run: Pick<RunRecordSummary, 'startedAt'>): string {
  startedAtFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
  return startedAtFormat.format(new Date(run.startedAt))
}

/** What the run was filed as: its test's name, or what it ran against. */
export function runSubject(run: RunRecordSummary): string {
  if (run.testName) return run.testName
  return run.source === 'import' ? `Imported: ${run.method} ${run.url}` : `${run.method} ${run.url}`
}

/** A run named for a legend or a heading: its date and its test. */
export const runLabel = (run: RunRecordSummary): string => `${startedAtText(run)} · ${runSubject(run)}`

/** The test whose runs the list shows; undefined for all runs (scope "all", or no test open). */
export const selectListedTestId = (state: HistorySlice & SavedTestsSlice): number | undefined =>
  state.historyScope === 'test' && state.openTestId !== null ? state.openTestId : undefined
