import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { selectThresholdMessages, selectThresholdRows } from './threshold-selectors'

/** Pass-or-fail conditions in one compact row, each judged as typed; Submit stays off while one is wrong. */
export function ThresholdsEditor() {
  const rows = useStampede(selectThresholdRows)
  const messages = useStampede(selectThresholdMessages)
  const running = useStampede(selectRunIsActive)
  const addThreshold = useStampede((state) => state.addThreshold)
  const editThreshold = useStampede((state) => state.editThreshold)
  const removeThreshold = useStampede((state) => state.removeThreshold)
  return (
    <fieldset className="thresholds-editor">
      <legend>Thresholds</legend>
      <div className="threshold-inputs">
        {rows.map((row, index) => {
          const message = messages[row.id]
          const messageId = `threshold-${row.id}-message`
          return (
            <div key={row.id} className="threshold-input">
              <div className="threshold-input-row">
                <input
                  type="text"
                  aria-label={`Threshold ${index + 1}`}
                  placeholder="p99<250ms"
                  value={row.text}
                  autoComplete="off"
                  spellCheck={false}
                  readOnly={running}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? messageId : undefined}
                  onChange={(event) => editThreshold(row.id, event.target.value)}
                />
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove threshold ${index + 1}`}
                  disabled={running}
                  onClick={() => removeThreshold(row.id)}
                >
                  ×
                </button>
              </div>
              {message && (
                <p id={messageId} className="field-message">
                  {message}
                </p>
              )}
            </div>
          )
        })}
        <button type="button" className="link-button" disabled={running} onClick={addThreshold}>
          Add threshold
        </button>
      </div>
    </fieldset>
  )
}
