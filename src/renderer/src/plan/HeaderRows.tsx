import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { selectFieldMessage, selectHeaderRowMessages, selectHeaderRows } from './plan-selectors'
import { EditableRows } from '../ui/EditableRows'
import { useFocusOnce } from '../ui/use-focus-once'

/** Headers as rows of the designer's one row table: a switch to leave one out without losing it, name, value; reorder, remove. */
export function HeaderRows() {
  const rows = useStampede(selectHeaderRows)
  const tableMessage = useStampede(selectFieldMessage('headers'))
  const rowMessages = useStampede(selectHeaderRowMessages)
  const runIsActive = useStampede(selectRunIsActive)
  const { addHeader, editHeader, removeHeader, moveHeader, touchField } = useStampede.getState()
  // The row added by the button takes focus once, so the keyboard goes on typing into it.
  const { focusRow, refFor } = useFocusOnce<number>()

  return (
    <>
      <EditableRows
        title="Headers"
        rowName="Header"
        addLabel="Add header"
        rows={rows}
        disabled={runIsActive}
        messageOf={(row) => rowMessages?.[row.id]}
        rowClassName={(row) => (row.enabled ? undefined : 'row-off')}
        onAdd={() => {
          addHeader()
          focusRow(useStampede.getState().fields.headers.at(-1)?.id)
        }}
        onRemove={removeHeader}
        onMove={moveHeader}
        columns={[
          {
            header: 'Send',
            cell: (row, _label, _describedBy) => {
              const position = rows.indexOf(row) + 1
              return (
                <input
                  type="checkbox"
                  aria-label={`Send header ${position}`}
                  checked={row.enabled}
                  disabled={runIsActive}
                  onChange={(event) => editHeader(row.id, { enabled: event.target.checked })}
                />
              )
            }
          },
          {
            header: 'Name',
            cell: (row, label, describedBy) => (
              <input
                type="text"
                aria-label={label}
                value={row.name}
                placeholder="X-Request-Id"
                autoComplete="off"
                spellCheck={false}
                ref={refFor(row.id)}
                readOnly={runIsActive}
                aria-invalid={describedBy ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => editHeader(row.id, { name: event.target.value })}
                onBlur={() => touchField('headers')}
              />
            )
          },
          {
            header: 'Value',
            cell: (row, label, describedBy) => (
              <input
                type="text"
                aria-label={label}
                value={row.value}
                autoComplete="off"
                spellCheck={false}
                readOnly={runIsActive}
                aria-invalid={describedBy ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => editHeader(row.id, { value: event.target.value })}
                onBlur={() => touchField('headers')}
              />
            )
          }
        ]}
      />
      {tableMessage && <p className="field-message">{tableMessage}</p>}
    </>
  )
}
