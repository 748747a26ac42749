import { formatErrorRate, formatLatency, formatRate } from '../../../shared/format'
import type { RunRecordSummary } from '../../../shared/run-history'
import { useStampede } from '../app/use-stampede'
import { baselineFor, rerunRefusal, runLabel, runSubject, selectCheckedRunIds, selectHistoryRuns, startedAtText } from './history-selectors'
import { RunMoreActions } from './RunMoreActions'

const THRESHOLD_WORDS = { true: 'pass', false: 'fail', null: '–' } as const

/** One stored run: its figures as its report has them, and what can be done with it. */
export function HistoryRow({ run }: { run: RunRecordSummary }) {
  const checked = useStampede((state) => selectCheckedRunIds(state).includes(run.id))
  const baseline = useStampede((state) => baselineFor(selectHistoryRuns(state), run))
  const deleteAsked = useStampede((state) => state.deleteAskedFor === run.id)
  const { toggleRunChecked, openStoredRun, rerunStoredRun, compareWithBaseline, askToDeleteRun, deleteStoredRun } =
    useStampede.getState()
  const label = runLabel(run)
  const refusal = rerunRefusal(run)
  const passed = String(run.thresholdsPassed) as keyof typeof THRESHOLD_WORDS
  return (
    <tr className="history-row" aria-label={label} data-run-id={run.id}>
      <td>
        <input type="checkbox" checked={checked} aria-label={`Compare ${label}`} onChange={() => toggleRunChecked(run.id)} />
      </td>
      <td className="history-date">{startedAtText(run)}</td>
      <td className="history-subject">
        {runSubject(run)}
        {run.isBaseline && <span className="history-badge history-badge-baseline">baseline</span>}
      </td>
      <td className={`history-outcome-${run.outcome}`}>{run.outcome}</td>
      <td className="numeric">{formatRate(run.rps)}</td>
      <td className="numeric">{formatLatency(run.p99Ms)}</td>
      <td className="numeric">{formatErrorRate(run.errorRate)}</td>
      <td className={`history-thresholds-${passed}`}>{THRESHOLD_WORDS[passed]}</td>
      <td>{run.source === 'import' ? <span className="history-badge">imported</span> : 'app'}</td>
      <td className="history-row-actions">
        {deleteAsked ? (
          <span className="history-confirm" role="group" aria-label="Confirm delete">
            Delete this run?
            <button type="button" className="link-button history-danger" onClick={() => void deleteStoredRun(run.id)}>
              Delete
            </button>
            <button type="button" className="link-button" onClick={() => askToDeleteRun(undefined)}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="link-button" onClick={() => void openStoredRun(run.id)}>
              Open
            </button>
            <button
              type="button"
              className="link-button"
              disabled={refusal !== undefined}
              title={refusal ?? 'Loads its plan and thresholds into the designer and runs it'}
              onClick={() => void rerunStoredRun(run.id)}
            >
              Re-run
            </button>
            {baseline && (
              <button type="button" className="link-button" onClick={() => void compareWithBaseline(run.id)}>
                Compare with baseline
              </button>
            )}
            <RunMoreActions run={run} />
          </>
        )}
      </td>
    </tr>
  )
}
