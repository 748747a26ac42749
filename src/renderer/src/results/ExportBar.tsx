import { useStampede } from '../app/use-stampede'
import { selectExportNotice } from './results-selectors'

/** Exports go through main: it asks where to save with the native dialog, or writes the clipboard. */
export function ExportBar() {
  const exportReport = useStampede((state) => state.exportReport)
  const copySummary = useStampede((state) => state.copySummary)
  const notice = useStampede(selectExportNotice)
  return (
    <div className="export-bar" role="group" aria-label="Export">
      <button type="button" className="button" onClick={() => void exportReport('html')}>
        Export HTML
      </button>
      <button type="button" className="button" onClick={() => void exportReport('json')}>
        Export JSON
      </button>
      <button type="button" className="button" onClick={() => void exportReport('csv')}>
        Export CSV
      </button>
      <button type="button" className="button" onClick={() => void copySummary()}>
        Copy as Markdown
      </button>
      <p className={notice ? `export-notice export-notice-${notice.tone}` : 'export-notice'} aria-live="polite">
        {notice?.text}
      </p>
    </div>
  )
}
