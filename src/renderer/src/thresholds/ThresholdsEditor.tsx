import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { TextField } from '../ui/TextField'
import { selectThresholdMessages, selectThresholdRows } from './threshold-selectors'

/** Pass-or-fail conditions, each judged as typed; Submit stays off while one is wrong. */
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
      {rows.map((row, index) => (
        <TextField
          key={row.id}
          label={`Threshold ${index + 1}`}
          placeholder="p99<250ms, error_rate<1% or rps>500"
          inputMode="text"
          value={row.text}
          message={messages[row.id]}
          readOnly={running}
          onChange={(text) => editThreshold(row.id, text)}
          onBlur={() => {}}
          action={
            <button
              type="button"
              className="link-button"
              aria-label={`Remove threshold ${index + 1}`}
              disabled={running}
              onClick={() => removeThreshold(row.id)}
            >
              Remove
            </button>
          }
        />
      ))}
      <button type="button" className="button add-threshold" disabled={running} onClick={addThreshold}>
        Add threshold
      </button>
    </fieldset>
  )
}
