import { useStampede } from '../app/use-stampede'
import { selectExportNotice } from './results-selectors'

/**
 * Exports go through main: it asks where to save with the native dialog, or writes the clipboard.
 * The last run's report, or with `runId` a stored run's; each bar shows only its own run's notice.
 */
export function ExportBar({ runId }: { runId?: number }) {
  const exportReport = useStampede((state) => state.exportReport)
  const copySummary = useStampede((state) => state.copySummary)
  const notice = useStampede(selectExportNotice)
  const ownNotice = notice?.runId === runId ? notice : undefined
  return (
    <div className="export-bar" role="group" aria-label="Export">
      <button type="button" className="button" onClick={() => void exportReport('html', runId)}>
        Export HTML
      </button>
      <button type="button" className="button" onClick={() => void exportReport('json', runId)}>
        Export JSON
      </button>
      <button type="button" className="button" onClick={() => void exportReport('csv', runId)}>
        Export CSV
      </button>
      <button type="button" className="button" onClick={() => void copySummary(runId)}>
        Copy as Markdown
      </button>
      <p className={ownNotice ? `export-notice export-notice-${ownNotice.tone}` : 'export-notice'} aria-live="polite">
        {ownNotice?.text}
      </p>
    </div>
  )
}
