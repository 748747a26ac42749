import { useMemo } from 'react'
import type { StoredRun } from '../../../shared/run-history'
import { useStampede } from '../app/use-stampede'
import { RunCharts } from '../charts/LiveCharts'
import { LiveSeries } from '../charts/live-series'
import { RunSummary } from '../results/RunSummary'
import { rerunRefusal, runLabel, selectOpenedRun } from './history-selectors'
import { HistoryNoticeLine } from './HistoryNoticeLine'

/** A stored run whole: the same summary and charts as the last run's, drawn from its stored report. */
export function StoredRunView() {
  const run = useStampede(selectOpenedRun)
  const { showHistoryList, rerunStoredRun } = useStampede.getState()
  if (!run) return null
  const refusal = rerunRefusal(run)
  return (
    <>
      <div className="history-page-bar">
        <button type="button" className="link-button" onClick={showHistoryList}>
          ← All runs
        </button>
        <h2 className="history-page-title">{runLabel(run)}</h2>
        <button
          type="button"
          className="button button-secondary"
          disabled={refusal !== undefined}
          title={refusal}
          onClick={() => void rerunStoredRun(run.id)}
        >
          Re-run
        </button>
      </div>
      <HistoryNoticeLine withExports={false} />
      <RunSummary report={run.report} runId={run.id} />
      <StoredRunCharts run={run} />
    </>
  )
}

function StoredRunCharts({ run }: { run: StoredRun }) {
  const points = run.report.series?.points
  // A series of its own, filled once: the charts draw it as they draw the live one.
  const series = useMemo(() => {
    const stored = new LiveSeries()
    if (points) stored.showPoints(run.id, points)
    return stored
  }, [run.id, points])
  if (!points || points.length === 0) {
    return (
      <section className="panel charts" aria-label="Charts">
        <p className="count-table-empty">This report has no series over time (the CLI’s --json leaves it out).</p>
      </section>
    )
  }
  const { settings } = run.report
  const shapedConnections = settings.model === 'closed' && (settings.stages?.length ?? 0) > 0
  return <RunCharts series={series} openModel={settings.model === 'open'} shapedConnections={shapedConnections} />
}
