import { useId, type RefCallback } from 'react'
import { STAGE_PRESETS, type StagePreset } from '../../../shared/stage-presets'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import type { StageRow } from './stage-rows'
import { selectChoice, selectFieldMessage, selectShapePreview, selectStageRowMessage, selectStageRows } from './plan-selectors'
import { ShapeChart } from './ShapeChart'
import { RowRemoveButton } from '../ui/RowRemoveButton'
import { RowMessage } from '../ui/RowMessage'
import { useFocusOnce } from '../ui/use-focus-once'

const PRESET_NAMES: Readonly<Record<StagePreset, string>> = {
  constant: 'Constant',
  'ramp-up': 'Ramp up',
  step: 'Step',
  spike: 'Spike',
  'ramp-up-hold-down': 'Ramp up, hold, down'
}

/**
 * The stages of a load shape, k6's way: each ramps linearly from the target before it to its own
 * over its duration; the first from the start (the rate or the connections above). Presets fill the
 * rows, scaled to the shape there was; the chart beside them follows every edit.
 */
export function StagesEditor() {
  const headingId = useId()
  const rows = useStampede(selectStageRows)
  const model = useStampede(selectChoice('model'))
  const shape = useStampede(selectShapePreview)
  const tableMessage = useStampede(selectFieldMessage('stages'))
  const runIsActive = useStampede(selectRunIsActive)
  const addStage = useStampede((state) => state.addStage)
  const applyPreset = useStampede((state) => state.applyPreset)
  const { focusRow, refFor } = useFocusOnce<number>()
  const unit = model === 'open' ? 'requests a second' : 'connections'

  return (
    <div className="stages-editor">
      <div className="rows-heading">
        <h3 id={headingId}>Stages</h3>
        <div className="presets" role="group" aria-label="Presets">
          {STAGE_PRESETS.map((preset) => (
            <button key={preset} type="button" className="chip" disabled={runIsActive} onClick={() => applyPreset(preset)}>
              {PRESET_NAMES[preset]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="link-button"
          disabled={runIsActive}
          onClick={() => {
            addStage()
            focusRow(useStampede.getState().fields.stages.at(-1)?.id)
          }}
        >
          Add stage
        </button>
      </div>
      <div className="stages-body">
        <div className="rows-editor">
          {rows.length > 0 && (
            <table className="rows-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col" className="rows-switch">
                    Stage
                  </th>
                  <th scope="col">Duration (s)</th>
                  <th scope="col">Target ({unit})</th>
                  <th scope="col" className="rows-remove">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <StageRowEditor
                    key={row.id}
                    row={row}
                    position={index + 1}
                    disabled={runIsActive}
                    durationRef={refFor(row.id)}
                  />
                ))}
              </tbody>
            </table>
          )}
          {tableMessage && <p className="field-message">{tableMessage}</p>}
        </div>
        <ShapeChart shape={shape} />
      </div>
    </div>
  )
}

interface StageRowEditorProps {
  row: StageRow
  position: number
  disabled: boolean
  durationRef: RefCallback<HTMLInputElement> | undefined
}

function StageRowEditor({ row, position, disabled, durationRef }: StageRowEditorProps) {
  const messageId = useId()
  const message = useStampede(selectStageRowMessage(row.id))
  const editStage = useStampede((state) => state.editStage)
  const removeStage = useStampede((state) => state.removeStage)
  const touchField = useStampede((state) => state.touchField)
  const invalid = message ? true : undefined
  const describedBy = message ? messageId : undefined
  return (
    <>
      <tr>
        <td className="rows-switch">{position}</td>
        <td>
          <input
            type="text"
            inputMode="decimal"
            aria-label={`Stage ${position} duration`}
            value={row.duration}
            autoComplete="off"
            ref={durationRef}
            readOnly={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => editStage(row.id, { duration: event.target.value })}
            onBlur={() => touchField('stages')}
          />
        </td>
        <td>
          <input
            type="text"
            inputMode="numeric"
            aria-label={`Stage ${position} target`}
            value={row.target}
            autoComplete="off"
            readOnly={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => editStage(row.id, { target: event.target.value })}
            onBlur={() => touchField('stages')}
          />
        </td>
        <RowRemoveButton label={`Remove stage ${position}`} disabled={disabled} onRemove={() => removeStage(row.id)} />
      </tr>
      {message && <RowMessage id={messageId} message={message} columns={3} />}
    </>
  )
}
