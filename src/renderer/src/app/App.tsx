import { lazy, Suspense } from 'react'
import { PlanForm } from '../plan/PlanForm'
import { RunNoticeBanner } from '../run/RunNoticeBanner'
import { RunResults } from '../results/RunResults'
import { OpenTestBar } from '../saved-tests/OpenTestBar'
import { TestsSidebar } from '../saved-tests/TestsSidebar'
import { ImportHost } from '../import/ImportHost'
import { useStampede } from './use-stampede'
import type { MainView } from './navigation-slice'

// Not needed until opened: its own chunk, parsed after the window's first paint.
const HistoryView = lazy(() => import('../history/HistoryView').then((module) => ({ default: module.HistoryView })))

const VIEWS: ReadonlyArray<[MainView, string]> = [
  ['designer', 'Designer'],
  ['history', 'History']
]

export function App() {
  const mainView = useStampede((state) => state.mainView)
  const showMainView = useStampede((state) => state.showMainView)
  return (
    <div className="app">
      <header className="app-header">
        <h1>Stampede</h1>
        <p className="app-tagline">HTTP load tester</p>
        <nav className="main-views" aria-label="Views">
          {VIEWS.map(([name, label]) => (
            <button
              key={name}
              type="button"
              className={mainView === name ? 'main-view main-view-selected' : 'main-view'}
              aria-current={mainView === name ? 'page' : undefined}
              onClick={() => showMainView(name)}
            >
              {label}
            </button>
          ))}
        </nav>
      </header>
      <div className="app-body">
        <aside className="app-sidebar" aria-label="Saved tests">
          <TestsSidebar />
        </aside>
        {/* The designer stays mounted under History, so a run's live charts keep their series. */}
        <main className="app-main" hidden={mainView !== 'designer'}>
          <OpenTestBar />
          <PlanForm />
          <RunNoticeBanner />
          <RunResults />
        </main>
        {mainView === 'history' && (
          <main className="app-main">
            <Suspense fallback={null}>
              <HistoryView />
            </Suspense>
          </main>
        )}
      </div>
      <ImportHost />
    </div>
  )
}
