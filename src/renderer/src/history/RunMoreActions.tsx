import type { RunRecordSummary } from '../../../shared/run-history'
import { useStampede } from '../app/use-stampede'

/** A stored run's less frequent actions, folded away: exports, the baseline mark, delete. */
export function RunMoreActions({ run }: { run: RunRecordSummary }) {
  const { exportReport, copySummary, setBaselineRun, askToDeleteRun } = useStampede.getState()
  // Only a saved test has a baseline.
  const testId = run.testId
  return (
    <details className="history-more">
      <summary>More</summary>
      <div className="history-more-menu" role="group" aria-label="More actions">
        <button type="button" className="link-button" onClick={() => void exportReport('json', run.id)}>
          Export JSON
        </button>
        <button type="button" className="link-button" onClick={() => void exportReport('csv', run.id)}>
          Export CSV
        </button>
        <button type="button" className="link-button" onClick={() => void exportReport('html', run.id)}>
          Export HTML
        </button>
        <button type="button" className="link-button" onClick={() => void copySummary(run.id)}>
          Copy summary
        </button>
        {testId !== null && (
          <button type="button" className="link-button" onClick={() => void setBaselineRun(testId, run.isBaseline ? null : run.id)}>
            {run.isBaseline ? 'Clear baseline' : 'Set as baseline'}
          </button>
        )}
        <button type="button" className="link-button history-danger" onClick={() => askToDeleteRun(run.id)}>
          Delete
        </button>
      </div>
    </details>
  )
}
