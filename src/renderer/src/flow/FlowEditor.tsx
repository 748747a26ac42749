import './flow.css'
import { DATA_ORDERS, type DataOrder } from '../../../shared/flow/flow-definition'
import { BUILT_IN_VARIABLES } from '../../../shared/flow/template'
import { formatCount } from '../../../shared/format'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { EditableRows } from '../ui/EditableRows'
import { FLOW_CELL, rowCell } from './flow-cells'
import { chooseDataOrder, editVariables, removeDataFile } from './flow-edits'
import { moved, nameValueRow, type FlowDataForm } from './flow-form'
import { selectFlow, selectFlowCellMessage } from './flow-selectors'
import { StepEditor } from './StepEditor'
import { TryOncePanel } from './TryOncePanel'

/** The designer once Add step made the test a flow: its steps, its variables and data, and Try once. */
export function FlowEditor() {
  const flow = useStampede(selectFlow)
  const disabled = useStampede(selectRunIsActive)
  const addStep = useStampede((state) => state.addStep)
  const flowMessage = useStampede(selectFlowCellMessage(FLOW_CELL))
  if (!flow) return null
  return (
    <section className="flow-editor" aria-label="Steps">
      <div className="rows-heading">
        <h3>Steps</h3>
        <button type="button" className="link-button" disabled={disabled} onClick={addStep}>
          Add step
        </button>
      </div>
      <ol className="flow-steps">
        {flow.steps.map((step, index) => (
          <StepEditor key={step.id} step={step} position={index + 1} count={flow.steps.length} disabled={disabled} />
        ))}
      </ol>
      {flowMessage && <p className="field-message">{flowMessage}</p>}
      <VariablesEditor disabled={disabled} />
      <DataFileEditor data={flow.data} disabled={disabled} />
      <p className="flow-built-ins">
        Built in: {Object.keys(BUILT_IN_VARIABLES).map((name) => `{{${name}}}`).join(' ')}
      </p>
      <TryOncePanel />
    </section>
  )
}

function VariablesEditor({ disabled }: { disabled: boolean }) {
  const variables = useStampede((state) => state.fields.flow?.variables ?? [])
  const editFlow = useStampede((state) => state.editFlow)
  const touchField = useStampede((state) => state.touchField)
  const messages = useStampede((state) => (state.touched.flow && !state.planCheck.ok ? state.planCheck.flowCellErrors : undefined))
  return (
    <EditableRows
      title="Variables"
      rowName="Variable"
      addLabel="Add variable"
      rows={variables}
      disabled={disabled}
      messageOf={(row) => messages?.[rowCell(row.id)]}
      onAdd={() => editFlow(editVariables((rows) => [...rows, nameValueRow()]))}
      onRemove={(id) => editFlow(editVariables((rows) => rows.filter((row) => row.id !== id)))}
      onMove={(id, delta) => editFlow(editVariables((rows) => moved(rows, id, delta)))}
      columns={[
        {
          header: 'Name',
          cell: (row, label) => (
            <input
              type="text"
              aria-label={label}
              value={row.name}
              readOnly={disabled}
              onChange={(event) => editFlow(editVariables((rows) => rows.map((one) => (one.id === row.id ? { ...one, name: event.target.value } : one))))}
              onBlur={() => touchField('flow')}
            />
          )
        },
        {
          header: 'Value',
          cell: (row, label) => (
            <input
              type="text"
              aria-label={label}
              value={row.value}
              readOnly={disabled}
              onChange={(event) => editFlow(editVariables((rows) => rows.map((one) => (one.id === row.id ? { ...one, value: event.target.value } : one))))}
              onBlur={() => touchField('flow')}
            />
          )
        }
      ]}
    />
  )
}

const ORDER_LABELS: Readonly<Record<DataOrder, string>> = {
  sequential: 'Sequential (row after row, again from the top)',
  random: 'Random',
  unique: 'Unique (each row once; the run ends when they are used up)'
}

function DataFileEditor({ data, disabled }: { data: FlowDataForm | undefined; disabled: boolean }) {
  const chooseDataFile = useStampede((state) => state.chooseDataFile)
  const editFlow = useStampede((state) => state.editFlow)
  const message = useStampede((state) => state.dataFileMessage)
  return (
    <div className="rows-editor flow-data" aria-label="Data file" role="group">
      <div className="rows-heading">
        <h3>Data file</h3>
        <button type="button" className="link-button" disabled={disabled} onClick={() => void chooseDataFile()}>
          {data ? 'Choose another…' : 'Choose data file…'}
        </button>
        {data && (
          <button type="button" className="link-button" disabled={disabled} onClick={() => editFlow(removeDataFile)}>
            Remove data file
          </button>
        )}
      </div>
      {message && <p className="field-message">{message}</p>}
      {data && (
        <>
          <p className="flow-data-file">
            <code>{data.file}</code>: {formatCount(data.rows)} rows; its columns are variables: {data.columns.map((column) => `{{${column}}}`).join(' ')}
          </p>
          <label className="flow-data-order">
            Order{' '}
            <select value={data.order} disabled={disabled} onChange={(event) => editFlow(chooseDataOrder(event.target.value as DataOrder))}>
              {DATA_ORDERS.map((order) => (
                <option key={order} value={order}>
                  {ORDER_LABELS[order]}
                </option>
              ))}
            </select>
          </label>
          {data.preview.length > 0 && (
            <table className="count-table flow-data-preview" aria-label="Data file preview">
              <thead>
                <tr>
                  {data.columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.preview.map((row, index) => (
                  <tr key={index}>
                    {data.columns.map((column) => (
                      <td key={column}>{row[column]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  )
}
