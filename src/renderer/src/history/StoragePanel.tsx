import { formatBytes, formatCount } from '../../../shared/format'
import { useStampede } from '../app/use-stampede'
import { TextField } from '../ui/TextField'
import { selectHistoryStatus } from './history-selectors'

/** How many runs are kept, what they take on disk, and where. */
export function StoragePanel() {
  const status = useStampede(selectHistoryStatus)
  const maxRunsText = useStampede((state) => state.maxRunsText)
  const maxRunsMessage = useStampede((state) => state.maxRunsMessage)
  const { editMaxRuns, saveMaxRuns } = useStampede.getState()
  if (!status) return null
  return (
    <section className="panel history-storage" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage</h2>
      <form
        className="history-storage-form"
        onSubmit={(event) => {
          event.preventDefault()
          void saveMaxRuns()
        }}
      >
        <TextField
          label="Keep the last N runs"
          hint="baselines are kept"
          inputMode="numeric"
          value={maxRunsText}
          message={maxRunsMessage}
          readOnly={!status.available}
          onChange={editMaxRuns}
          onBlur={() => undefined}
        />
        <button type="submit" className="button button-secondary" disabled={!status.available || maxRunsMessage !== undefined}>
          Apply
        </button>
      </form>
      <p className="panel-footnote">
        {formatCount(status.runCount)} {status.runCount === 1 ? 'run' : 'runs'} stored, {formatBytes(status.sizeBytes)} on disk, in{' '}
        <code>{status.location}</code>
      </p>
    </section>
  )
}
