import { Fragment, useId, type ReactNode } from 'react'
import { RowMessage } from './RowMessage'
import { RowRemoveButton } from './RowRemoveButton'

export interface RowColumn<Row> {
  header: string
  /** The cell's name in its label when the header says more ("Duration (s)" is a stage's "duration"). */
  name?: string
  /** The cell's control; `label` names it for a screen reader ("Capture 2 variable"), `describedBy` ties the row's message to it. */
  cell(row: Row, label: string, describedBy: string | undefined): ReactNode
}

interface EditableRowsProps<Row extends { id: number }> {
  title: string
  /** One row's name in labels: "Capture" gives "Capture 2", "Remove capture 2", "Move capture 2 up". */
  rowName: string
  addLabel: string
  /** Beside the title, before the add button (a stage table's presets). */
  headingExtra?: ReactNode
  rows: readonly Row[]
  columns: ReadonlyArray<RowColumn<NoInfer<Row>>>
  disabled: boolean
  messageOf(row: NoInfer<Row>): string | undefined
  /** A row's own class, such as one switched off. */
  rowClassName?(row: NoInfer<Row>): string | undefined
  onAdd(): void
  onRemove(id: number): void
  onMove(id: number, delta: number): void
}

/**
 * The designer's one editable table of rows: add, remove, move up and down, and each row's message
 * under it, tied to its cells. The request's headers, and a flow's captures, checks, variables and a
 * step's headers are each one of these.
 */
export function EditableRows<Row extends { id: number }>(props: EditableRowsProps<Row>) {
  const { title, rowName, addLabel, headingExtra, rows, columns, disabled, messageOf, rowClassName, onAdd, onRemove, onMove } = props
  const headingId = useId()
  const lower = rowName.toLowerCase()
  return (
    <div className="rows-editor">
      <div className="rows-heading">
        <h3 id={headingId}>{title}</h3>
        {headingExtra}
        <button type="button" className="link-button" disabled={disabled} onClick={onAdd}>
          {addLabel}
        </button>
      </div>
      {rows.length > 0 && (
        <table className="rows-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className="rows-order">
                <span className="visually-hidden">Order</span>
              </th>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
              <th scope="col" className="rows-remove">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const position = index + 1
              const message = messageOf(row)
              const messageId = message ? `${headingId}-${row.id}-message` : undefined
              return (
                <Fragment key={row.id}>
                  <tr className={rowClassName?.(row)}>
                    <td className="rows-order">
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Move ${lower} ${position} up`}
                        disabled={disabled || index === 0}
                        onClick={() => onMove(row.id, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Move ${lower} ${position} down`}
                        disabled={disabled || index === rows.length - 1}
                        onClick={() => onMove(row.id, 1)}
                      >
                        ↓
                      </button>
                    </td>
                    {columns.map((column) => (
                      <td key={column.header}>{column.cell(row, `${rowName} ${position} ${column.name ?? column.header.toLowerCase()}`, messageId)}</td>
                    ))}
                    <RowRemoveButton label={`Remove ${lower} ${position}`} disabled={disabled} onRemove={() => onRemove(row.id)} />
                  </tr>
                  {message && messageId && <RowMessage id={messageId} message={message} columns={columns.length + 1} />}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}
