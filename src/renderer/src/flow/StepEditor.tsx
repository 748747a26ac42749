import { useId, useState, type DragEvent } from 'react'
import { CAPTURE_SOURCES, type CaptureSource } from '../../../shared/flow/flow-definition'
import { useStampede } from '../app/use-stampede'
import { HTTP_METHODS } from '../plan/plan-form'
import { EditableRows } from '../ui/EditableRows'
import { rowCell, stepCell, type StepPart } from './flow-cells'
import { captureRow, checkRow, moved, nameValueRow, type StepRow } from './flow-form'
import { duplicateStep, editStep, editStepRows, moveStep, moveStepTo, removeStep } from './flow-edits'
import { selectFlowCellMessage, selectKnownAt } from './flow-selectors'
import { TemplateInput } from './TemplateInput'

const SOURCE_LABELS: Readonly<Record<CaptureSource, string>> = { json: 'JSON path', header: 'Header', regex: 'Regex', cookie: 'Cookie' }
/** The data a drag carries: the dragged step's id. */
const DRAG_TYPE = 'application/x-stampede-step'

interface StepEditorProps {
  step: StepRow
  position: number
  count: number
  disabled: boolean
}

/** One step: its name, method and URL as written on its row, folding out into its request, captures, checks, think time and thresholds. */
export function StepEditor({ step, position, count, disabled }: StepEditorProps) {
  const editFlow = useStampede((state) => state.editFlow)
  const touchField = useStampede((state) => state.touchField)
  const known = useStampede(selectKnownAt(position - 1)).split(',').filter(Boolean)
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const label = `Step ${position}`
  const edit = (change: Partial<Omit<StepRow, 'id'>>): void => editFlow(editStep(step.id, change))

  const onDrop = (event: DragEvent): void => {
    const dragged = Number(event.dataTransfer.getData(DRAG_TYPE))
    if (dragged && dragged !== step.id) editFlow(moveStepTo(dragged, step.id))
  }

  return (
    <li
      className={step.disabled ? 'flow-step flow-step-disabled' : 'flow-step'}
      aria-label={label}
      draggable={!disabled}
      onDragStart={(event) => event.dataTransfer.setData(DRAG_TYPE, String(step.id))}
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop}
    >
      <div className="flow-step-row">
        <span className="flow-step-handle" aria-hidden="true">
          ⠿
        </span>
        <span className="flow-step-number">{position}</span>
        <StepText step={step} part="name" label={`${label} name`} placeholder="name (optional)" disabled={disabled} onChange={(name) => edit({ name })} />
        <StepMethod step={step} label={`${label} method`} disabled={disabled} onChange={(method) => edit({ method })} />
        <StepTemplate step={step} part="url" label={`${label} URL`} known={known} disabled={disabled} onChange={(url) => edit({ url })} onBlur={() => touchField('flow')} />
        <button type="button" className="link-button" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((was) => !was)}>
          {open ? 'Fold' : 'Details'}
          <span className="visually-hidden"> of step {position}</span>
        </button>
      </div>
      <div className="flow-step-actions" role="group" aria-label={`${label} actions`}>
        <button type="button" className="link-button" disabled={disabled || position === 1} onClick={() => editFlow(moveStep(step.id, -1))}>
          Move up
        </button>
        <button type="button" className="link-button" disabled={disabled || position === count} onClick={() => editFlow(moveStep(step.id, 1))}>
          Move down
        </button>
        <button type="button" className="link-button" disabled={disabled} onClick={() => editFlow(duplicateStep(step.id))}>
          Duplicate
        </button>
        <button type="button" className="link-button" disabled={disabled} aria-pressed={step.disabled} onClick={() => edit({ disabled: !step.disabled })}>
          {step.disabled ? 'Enable' : 'Disable'}
        </button>
        <button type="button" className="link-button history-danger" disabled={disabled || count === 1} onClick={() => editFlow(removeStep(step.id))}>
          Remove
        </button>
      </div>
      <div id={detailsId} hidden={!open} className="flow-step-details">
        <StepDetails step={step} label={label} known={known} disabled={disabled} />
      </div>
    </li>
  )
}

function StepDetails({ step, label, known, disabled }: { step: StepRow; label: string; known: string[]; disabled: boolean }) {
  const editFlow = useStampede((state) => state.editFlow)
  const touchField = useStampede((state) => state.touchField)
  const messages = useStampede((state) => (state.touched.flow && !state.planCheck.ok ? state.planCheck.flowCellErrors : undefined))
  const messageOf = (row: { id: number }): string | undefined => messages?.[rowCell(row.id)]
  const edit = (change: Partial<Omit<StepRow, 'id'>>): void => editFlow(editStep(step.id, change))
  return (
    <>
      <EditableRows
        title="Headers"
        rowName={`${label} header`}
        addLabel="Add header"
        rows={step.headers}
        disabled={disabled}
        messageOf={messageOf}
        onAdd={() => editFlow(editStepRows(step.id, 'headers', (rows) => [...rows, nameValueRow()]))}
        onRemove={(id) => editFlow(editStepRows(step.id, 'headers', (rows) => rows.filter((row) => row.id !== id)))}
        onMove={(id, delta) => editFlow(editStepRows(step.id, 'headers', (rows) => moved(rows, id, delta)))}
        columns={[
          {
            header: 'Name',
            cell: (row, cellLabel, describedBy) => (
              <input
                type="text"
                aria-label={cellLabel}
                value={row.name}
                readOnly={disabled}
                aria-describedby={describedBy}
                onChange={(event) => editFlow(editStepRows(step.id, 'headers', (rows) => rows.map((one) => (one.id === row.id ? { ...one, name: event.target.value } : one))))}
                onBlur={() => touchField('flow')}
              />
            )
          },
          {
            header: 'Value',
            cell: (row, cellLabel, describedBy) => (
              <TemplateInput
                label={cellLabel}
                value={row.value}
                known={known}
                describedBy={describedBy}
                invalid={describedBy !== undefined}
                disabled={disabled}
                onChange={(value) => editFlow(editStepRows(step.id, 'headers', (rows) => rows.map((one) => (one.id === row.id ? { ...one, value } : one))))}
                onBlur={() => touchField('flow')}
              />
            )
          }
        ]}
      />
      <StepTextArea step={step} label={`${label} body`} known={known} disabled={disabled} onChange={(body) => edit({ body })} />
      <EditableRows
        title="Captures"
        rowName={`${label} capture`}
        addLabel="Add capture"
        rows={step.captures}
        disabled={disabled}
        messageOf={messageOf}
        onAdd={() => editFlow(editStepRows(step.id, 'captures', (rows) => [...rows, captureRow()]))}
        onRemove={(id) => editFlow(editStepRows(step.id, 'captures', (rows) => rows.filter((row) => row.id !== id)))}
        onMove={(id, delta) => editFlow(editStepRows(step.id, 'captures', (rows) => moved(rows, id, delta)))}
        columns={[
          {
            header: 'Variable',
            cell: (row, cellLabel, describedBy) => (
              <input
                type="text"
                aria-label={cellLabel}
                value={row.variable}
                readOnly={disabled}
                aria-invalid={describedBy ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => editFlow(editStepRows(step.id, 'captures', (rows) => rows.map((one) => (one.id === row.id ? { ...one, variable: event.target.value } : one))))}
                onBlur={() => touchField('flow')}
              />
            )
          },
          {
            header: 'Source',
            cell: (row, cellLabel) => (
              <select
                aria-label={cellLabel}
                value={row.source}
                disabled={disabled}
                onChange={(event) =>
                  editFlow(editStepRows(step.id, 'captures', (rows) => rows.map((one) => (one.id === row.id ? { ...one, source: event.target.value as CaptureSource } : one))))
                }
              >
                {CAPTURE_SOURCES.map((source) => (
                  <option key={source} value={source}>
                    {SOURCE_LABELS[source]}
                  </option>
                ))}
              </select>
            )
          },
          {
            header: 'Expression',
            cell: (row, cellLabel, describedBy) => (
              <input
                type="text"
                aria-label={cellLabel}
                value={row.expression}
                readOnly={disabled}
                spellCheck={false}
                placeholder={row.source === 'json' ? '$.token' : row.source === 'regex' ? 'id=(\\d+)' : 'Name'}
                aria-invalid={describedBy ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => editFlow(editStepRows(step.id, 'captures', (rows) => rows.map((one) => (one.id === row.id ? { ...one, expression: event.target.value } : one))))}
                onBlur={() => touchField('flow')}
              />
            )
          }
        ]}
      />
      <EditableRows
        title="Checks"
        rowName={`${label} check`}
        addLabel="Add check"
        rows={step.checks}
        disabled={disabled}
        messageOf={messageOf}
        onAdd={() => editFlow(editStepRows(step.id, 'checks', (rows) => [...rows, checkRow()]))}
        onRemove={(id) => editFlow(editStepRows(step.id, 'checks', (rows) => rows.filter((row) => row.id !== id)))}
        onMove={(id, delta) => editFlow(editStepRows(step.id, 'checks', (rows) => moved(rows, id, delta)))}
        columns={[
          {
            header: 'Check',
            cell: (row, cellLabel, describedBy) => (
              <input
                type="text"
                aria-label={cellLabel}
                value={row.text}
                readOnly={disabled}
                spellCheck={false}
                placeholder='status == 200, json $.ok == true, body contains "done"'
                aria-invalid={describedBy ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => {
                  editFlow(editStepRows(step.id, 'checks', (rows) => rows.map((one) => (one.id === row.id ? { ...one, text: event.target.value } : one))))
                  // Checked as typed: its message shows at once.
                  touchField('flow')
                }}
              />
            )
          }
        ]}
      />
      <div className="flow-step-extras">
        <StepText step={step} part="think" label={`${label} think time`} placeholder="500ms or 1s-3s" disabled={disabled} onChange={(think) => edit({ think })} />
        <StepText
          step={step}
          part="thresholds"
          label={`${label} thresholds`}
          placeholder="p99<250ms, error_rate<1%"
          disabled={disabled}
          onChange={(thresholds) => edit({ thresholds })}
        />
      </div>
    </>
  )
}

interface StepFieldProps {
  step: StepRow
  label: string
  disabled: boolean
  onChange(value: string): void
}

function useCellMessage(stepId: number, part: StepPart): { message: string | undefined; messageId: string } {
  const message = useStampede(selectFlowCellMessage(stepCell(stepId, part)))
  return { message, messageId: `${stepCell(stepId, part)}-message` }
}

function StepText({ step, part, label, placeholder, disabled, onChange }: StepFieldProps & { part: 'name' | 'think' | 'thresholds'; placeholder: string }) {
  const touchField = useStampede((state) => state.touchField)
  const { message, messageId } = useCellMessage(step.id, part)
  return (
    <span className={`flow-cell flow-cell-${part}`}>
      <input
        type="text"
        aria-label={label}
        value={step[part]}
        placeholder={placeholder}
        readOnly={disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => touchField('flow')}
      />
      {message && (
        <span id={messageId} className="field-message">
          {message}
        </span>
      )}
    </span>
  )
}

function StepMethod({ step, label, disabled, onChange }: StepFieldProps) {
  const { message, messageId } = useCellMessage(step.id, 'method')
  const methods: readonly string[] = HTTP_METHODS.includes(step.method as never) ? HTTP_METHODS : [...HTTP_METHODS, step.method]
  return (
    <span className="flow-cell flow-cell-method">
      <select aria-label={label} value={step.method} disabled={disabled} aria-describedby={message ? messageId : undefined} onChange={(event) => onChange(event.target.value)}>
        {methods.map((method) => (
          <option key={method}>{method}</option>
        ))}
      </select>
      {message && (
        <span id={messageId} className="field-message">
          {message}
        </span>
      )}
    </span>
  )
}

function StepTemplate({ step, part, label, known, disabled, onChange, onBlur }: StepFieldProps & { part: 'url'; known: string[]; onBlur(): void }) {
  const { message, messageId } = useCellMessage(step.id, part)
  return (
    <span className="flow-cell flow-cell-url">
      <TemplateInput
        label={label}
        value={step.url}
        known={known}
        placeholder="{{base}}/login"
        describedBy={message ? messageId : undefined}
        invalid={message !== undefined}
        disabled={disabled}
        onChange={onChange}
        onBlur={onBlur}
      />
      {message && (
        <span id={messageId} className="field-message">
          {message}
        </span>
      )}
    </span>
  )
}

function StepTextArea({ step, label, disabled, onChange }: StepFieldProps & { known: string[] }) {
  const touchField = useStampede((state) => state.touchField)
  const { message, messageId } = useCellMessage(step.id, 'body')
  return (
    <label className="flow-body">
      <span>Body</span>
      <textarea
        aria-label={label}
        value={step.body}
        rows={3}
        readOnly={disabled}
        spellCheck={false}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => touchField('flow')}
      />
      {message && (
        <span id={messageId} className="field-message">
          {message}
        </span>
      )}
    </label>
  )
}
