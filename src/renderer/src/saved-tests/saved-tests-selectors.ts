import type { SavedTest } from '../../../shared/saved-test'
import type { StampedeState } from '../app/stampede-store'
import type { PlanSlice } from '../plan/plan-slice'
import type { ThresholdsSlice } from '../thresholds/thresholds-slice'
import type { SavedTestsSlice } from './saved-tests-slice'
import { sameTestContent, type TestContent } from './test-content'

export const selectTestSearch = (state: SavedTestsSlice): string => state.testSearch
export const selectOpenTestId = (state: SavedTestsSlice): number | null => state.openTestId
export const selectHasSavedTests = (state: SavedTestsSlice): boolean => state.savedTests.length > 0

export const selectOpenTest = (state: SavedTestsSlice): SavedTest | undefined =>
  state.openTestId === null ? undefined : state.savedTests.find((test) => test.id === state.openTestId)

export const selectPendingOpenTest = (state: SavedTestsSlice): SavedTest | undefined =>
  state.pendingOpenTestId === null ? undefined : state.savedTests.find((test) => test.id === state.pendingOpenTestId)

let visibleMemo: { tests: SavedTest[]; search: string; visible: SavedTest[] } | undefined

/** The tests whose name holds the search text, ignoring case; the same array while neither changed. */
export function selectVisibleTests(state: SavedTestsSlice): SavedTest[] {
  if (visibleMemo?.tests === state.savedTests && visibleMemo.search === state.testSearch) return visibleMemo.visible
  const search = state.testSearch.trim().toLocaleLowerCase()
  const visible = search === '' ? state.savedTests : state.savedTests.filter((test) => test.name.toLocaleLowerCase().includes(search))
  visibleMemo = { tests: state.savedTests, search: state.testSearch, visible }
  return visible
}

let contentMemo: { planCheck: PlanSlice['planCheck']; thresholdCheck: ThresholdsSlice['thresholdCheck']; content: TestContent | undefined } | undefined

/** What the designer would save: its plan and thresholds' expressions, or undefined while either has mistakes. */
export function selectDesignerContent(state: PlanSlice & ThresholdsSlice): TestContent | undefined {
  const { planCheck, thresholdCheck } = state
  if (contentMemo?.planCheck === planCheck && contentMemo.thresholdCheck === thresholdCheck) return contentMemo.content
  const content =
    planCheck.ok && thresholdCheck.ok
      ? { plan: planCheck.plan, thresholds: thresholdCheck.thresholds.map((threshold) => threshold.expression) }
      : undefined
  contentMemo = { planCheck, thresholdCheck, content }
  return content
}

let modifiedMemo: { opened: TestContent | undefined; content: TestContent | undefined; modified: boolean } | undefined

/**
 * The designer differs from the open test as it was opened or last saved (a form with mistakes
 * differs from any test). Judged on every store change, run progress included, so compared again
 * only when either side changed.
 */
export function selectOpenTestIsModified(state: StampedeState): boolean {
  if (state.openTestId === null) return false
  const opened = state.openTestContent
  const content = selectDesignerContent(state)
  if (modifiedMemo && modifiedMemo.opened === opened && modifiedMemo.content === content) return modifiedMemo.modified
  const modified = content === undefined || opened === undefined || !sameTestContent(content, opened)
  modifiedMemo = { opened, content, modified }
  return modified
}
