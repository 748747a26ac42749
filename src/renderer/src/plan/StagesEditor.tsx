import { STAGE_PRESETS, type StagePreset } from '../../../shared/stage-presets'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { selectChoice, selectFieldMessage, selectShapePreview, selectStageRowMessages, selectStageRows } from './plan-selectors'
import { ShapeChart } from './ShapeChart'
import { EditableRows } from '../ui/EditableRows'
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
 * rows, scaled to the shape there was; the chart beside them follows every edit. The rows are the
 * designer's one row table (ui/EditableRows.tsx).
 */
export function StagesEditor() {
  const rows = useStampede(selectStageRows)
  const model = useStampede(selectChoice('model'))
  const shape = useStampede(selectShapePreview)
  const tableMessage = useStampede(selectFieldMessage('stages'))
  const rowMessages = useStampede(selectStageRowMessages)
  const runIsActive = useStampede(selectRunIsActive)
  const { addStage, applyPreset, editStage, removeStage, moveStage, touchField } = useStampede.getState()
  const { focusRow, refFor } = useFocusOnce<number>()
  const unit = model === 'open' ? 'requests a second' : 'connections'

  return (
    <div className="stages-editor">
      <div className="stages-body">
        <div>
          <EditableRows
            title="Stages"
            rowName="Stage"
            addLabel="Add stage"
            headingExtra={
              <div className="presets" role="group" aria-label="Presets">
                {STAGE_PRESETS.map((preset) => (
                  <button key={preset} type="button" className="chip" disabled={runIsActive} onClick={() => applyPreset(preset)}>
                    {PRESET_NAMES[preset]}
                  </button>
                ))}
              </div>
            }
            rows={rows}
            disabled={runIsActive}
            messageOf={(row) => rowMessages?.[row.id]}
            onAdd={() => {
              addStage()
              focusRow(useStampede.getState().fields.stages.at(-1)?.id)
            }}
            onRemove={removeStage}
            onMove={moveStage}
            columns={[
              {
                header: 'Duration (s)',
                name: 'duration',
                cell: (row, label, describedBy) => (
                  <input
                    type="text"
                    inputMode="decimal"
                    aria-label={label}
                    value={row.duration}
                    autoComplete="off"
                    ref={refFor(row.id)}
                    readOnly={runIsActive}
                    aria-invalid={describedBy ? true : undefined}
                    aria-describedby={describedBy}
                    onChange={(event) => editStage(row.id, { duration: event.target.value })}
                    onBlur={() => touchField('stages')}
                  />
                )
              },
              {
                header: `Target (${unit})`,
                name: 'target',
                cell: (row, label, describedBy) => (
                  <input
                    type="text"
                    inputMode="numeric"
                    aria-label={label}
                    value={row.target}
                    autoComplete="off"
                    readOnly={runIsActive}
                    aria-invalid={describedBy ? true : undefined}
                    aria-describedby={describedBy}
                    onChange={(event) => editStage(row.id, { target: event.target.value })}
                    onBlur={() => touchField('stages')}
                  />
                )
              }
            ]}
          />
          {tableMessage && <p className="field-message">{tableMessage}</p>}
        </div>
        <ShapeChart shape={shape} />
      </div>
    </div>
  )
}
