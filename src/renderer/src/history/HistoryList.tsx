import { useStampede } from '../app/use-stampede'
import { ChoiceGroup } from '../ui/ChoiceGroup'
import {
  selectCanCompareChecked,
  selectCheckedRunIds,
  selectHistoryRuns,
  selectHistoryScope,
} from './history-selectors'
import { selectOpenTestId } from '../saved-tests/saved-tests-selectors'
import type { HistoryScope } from './history-slice'
import { HistoryNoticeLine } from './HistoryNoticeLine'
import { HistoryRow } from './HistoryRow'

const SCOPES: ReadonlyArray<{ value: HistoryScope; label: string }> = [
  { value: 'test', label: 'This test' },
  { value: 'all', label: 'All runs' }
]

/** Stored runs, newest first: open, run again, delete, export, mark a baseline, tick two to compare. */
export function HistoryList() {
  const runs = useStampede(selectHistoryRuns)
  const scope = useStampede(selectHistoryScope)
  const testId = useStampede(selectOpenTestId)
  const checked = useStampede(selectCheckedRunIds)
  const canCompare = useStampede(selectCanCompareChecked)
  const { showHistoryScope, compareRuns, importRunFile } = useStampede.getState()
  return (
    <section className="panel history" aria-labelledby="history-heading">
      <div className="history-toolbar">
        <h2 id="history-heading">Run history</h2>
        {testId === null ? (
          <p className="history-scope-note">All runs (open a saved test to list only its runs)</p>
        ) : (
          <ChoiceGroup legend="Show" value={scope} options={SCOPES} disabled={false} onChange={showHistoryScope} />
        )}
        <div className="history-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!canCompare}
            title={canCompare ? undefined : 'Tick two runs to compare them'}
            onClick={() => void compareRuns(checked[0], checked[1])}
          >
            Compare
          </button>
          <button type="button" className="button button-secondary" onClick={() => void importRunFile()}>
            Import result JSON…
          </button>
        </div>
      </div>
      <HistoryNoticeLine withExports={true} />
      {runs.length === 0 ? (
        <p className="count-table-empty">No runs stored yet: each run is kept here when it ends.</p>
      ) : (
        <div className="history-table-frame">
          <table className="count-table history-table" aria-labelledby="history-heading">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Compare</span>
                </th>
                <th scope="col">Date</th>
                <th scope="col">Test</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="numeric">
                  req/s
                </th>
                <th scope="col" className="numeric">
                  p99
                </th>
                <th scope="col" className="numeric">
                  Error rate
                </th>
                <th scope="col">Thresholds</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <HistoryRow key={run.id} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
