import { lazy, Suspense, useEffect } from 'react'
import { useStampede } from '../app/use-stampede'
import { HistoryList } from './HistoryList'
import { HistoryStatusBanner } from './HistoryStatusBanner'
import { selectOpenTestId } from '../saved-tests/saved-tests-selectors'
import { selectHistoryPage } from './history-selectors'
import { StoragePanel } from './StoragePanel'
import './history.css'

// The charting library and the summary are not needed for the list: chunks of their own.
const StoredRunView = lazy(() => import('./StoredRunView').then((module) => ({ default: module.StoredRunView })))
const CompareView = lazy(() => import('./CompareView').then((module) => ({ default: module.CompareView })))

/** The run history: the list (with the storage setting), one stored run whole, or two compared. */
export function HistoryView() {
  const page = useStampede(selectHistoryPage)
  const testId = useStampede(selectOpenTestId)
  const refreshHistory = useStampede((state) => state.refreshHistory)
  // Read again whenever the view opens or the open test changes: runs may have ended meanwhile.
  useEffect(() => {
    void refreshHistory()
  }, [refreshHistory, testId])

  if (page.kind === 'run') {
    return (
      <Suspense fallback={null}>
        <StoredRunView />
      </Suspense>
    )
  }
  if (page.kind === 'compare') {
    return (
      <Suspense fallback={null}>
        <CompareView />
      </Suspense>
    )
  }
  return (
    <>
      <HistoryStatusBanner />
      <HistoryList />
      <StoragePanel />
    </>
  )
}
