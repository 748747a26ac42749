import { lazy, Suspense, useDeferredValue } from 'react'
import { selectHasSnapshot } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'
import { ThresholdTiles } from '../thresholds/ThresholdTiles'
import { ErrorKindTable } from './ErrorKindTable'
import { HeadlineStats } from './HeadlineStats'
import { HealthBanner } from './HealthBanner'
import { RunProgress } from '../run/RunProgress'
import { StatusCodeTable } from './StatusCodeTable'
import { StepResultsTable } from './StepResultsTable'
import { ThroughputStats } from './ThroughputStats'
import { selectResultsView, selectSummaryReport } from './results-selectors'
import type { ResultsView } from './results-slice'

// Loaded after the page's first paint, in chunks of their own: the charting library and the summary
// are not needed until a run starts, so the window opens without parsing them.
const LiveCharts = lazy(() => import('../charts/LiveCharts').then((module) => ({ default: module.LiveCharts })))
const LastRunSummary = lazy(() => import('./RunSummary').then((module) => ({ default: module.LastRunSummary })))

const VIEWS: ReadonlyArray<[ResultsView, string]> = [
  ['live', 'Live'],
  ['summary', 'Summary']
]

/** Everything a run reports: live from its first progress, and its summary once it ended. */
export function RunResults() {
  // Deferred: the results' first render (tiles, tables, four charts) is a background render React
  // slices and yields from, not one task in the middle of the run's first progress message.
  const hasSnapshot = useDeferredValue(useStampede(selectHasSnapshot))
  const view = useStampede(selectResultsView)
  const summaryReady = useStampede((state) => selectSummaryReport(state) !== undefined)
  const showResultsView = useStampede((state) => state.showResultsView)
  if (!hasSnapshot) {
    return (
      <section className="panel empty-results">
        <p>Enter a URL and press Submit. Progress and results appear here as the run goes.</p>
      </section>
    )
  }
  return (
    <>
      <RunProgress />
      <HealthBanner />
      <div className="view-tabs" role="tablist" aria-label="Results">
        {VIEWS.map(([name, label]) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-controls={`view-${name}`}
            aria-selected={view === name}
            className={view === name ? 'view-tab view-tab-selected' : 'view-tab'}
            onClick={() => showResultsView(name)}
          >
            {label}
            {name === 'summary' && summaryReady && <span className="view-tab-badge" aria-hidden="true" />}
          </button>
        ))}
      </div>
      {/* Live stays mounted under Summary, so its charts keep their series and redraw nothing hidden. */}
      <div id="view-live" role="tabpanel" aria-labelledby="tab-live" hidden={view !== 'live'}>
        <div className="stat-panels">
          <HeadlineStats />
          <ThroughputStats />
        </div>
        <StepResultsTable />
        <ThresholdTiles />
        <Suspense fallback={<section className="panel charts" aria-label="Charts" />}>
          <LiveCharts />
        </Suspense>
        <div className="table-panels">
          <StatusCodeTable />
          <ErrorKindTable />
        </div>
      </div>
      {view === 'summary' && (
        <div id="view-summary" role="tabpanel" aria-labelledby="tab-summary">
          <Suspense fallback={null}>
            <LastRunSummary />
          </Suspense>
        </div>
      )}
    </>
  )
}
