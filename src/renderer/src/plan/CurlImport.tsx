import { useId, useState } from 'react'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'

interface CurlImportPanelProps {
  /** Called after a command was read into the form, and on Close. */
  onClose(imported: boolean): void
}

/** A box to paste a whole cURL command into (pasting one into the URL field does the same). */
export function CurlImportPanel({ onClose }: CurlImportPanelProps) {
  const id = useId()
  const [command, setCommand] = useState('')
  const runIsActive = useStampede(selectRunIsActive)
  const importCurl = useStampede((state) => state.importCurl)
  return (
    <div className="curl-panel">
      <div className="field">
        <div className="field-label-row">
          <label htmlFor={id}>cURL command</label>
          <span className="field-hint">as copied from a browser, an API's docs or a terminal</span>
        </div>
        <textarea
          id={id}
          value={command}
          rows={3}
          spellCheck={false}
          autoFocus
          placeholder="curl 'https://api.example.com/items' -H 'Accept: application/json'"
          onChange={(event) => setCommand(event.target.value)}
        />
      </div>
      <div className="curl-panel-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={runIsActive || command.trim() === ''}
          onClick={() => {
            void importCurl(command).then((imported) => {
              if (imported) onClose(true)
            })
          }}
        >
          Import
        </button>
        <button type="button" className="button button-quiet" onClick={() => onClose(false)}>
          Close
        </button>
      </div>
    </div>
  )
}

/** What the last import did: every argument it could not carry over, or why it read nothing. */
export function CurlImportReport() {
  const report = useStampede((state) => state.curlImport)
  const dismiss = useStampede((state) => state.dismissCurlImport)
  if (!report) return null
  return (
    <div className={report.ok ? 'curl-report' : 'curl-report curl-report-error'} aria-live="polite">
      <div className="curl-report-heading">
        <p>
          {!report.ok
            ? report.message
            : report.unmapped.length === 0
              ? 'Imported the cURL command: everything in it was carried over.'
              : `Imported the cURL command. Not carried over (${report.unmapped.length}):`}
        </p>
        <button type="button" className="icon-button" aria-label="Dismiss the cURL import report" onClick={dismiss}>
          ×
        </button>
      </div>
      {report.ok && report.unmapped.length > 0 && (
        <ul aria-label="Not carried over from cURL">
          {report.unmapped.map(({ argument, reason }, index) => (
            <li key={index}>
              <code>{argument}</code> {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
