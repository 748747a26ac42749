import { useId, type RefCallback } from 'react'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import type { HeaderRow } from './plan-form'
import { selectFieldMessage, selectHeaderRowMessage, selectHeaderRows } from './plan-selectors'
import { RowRemoveButton } from '../ui/RowRemoveButton'
import { RowMessage } from '../ui/RowMessage'
import { useFocusOnce } from '../ui/use-focus-once'

/** Headers as rows: name, value, a switch to leave one out without losing it, and remove. */
export function HeaderRows() {
  const headingId = useId()
  const rows = useStampede(selectHeaderRows)
  const tableMessage = useStampede(selectFieldMessage('headers'))
  const runIsActive = useStampede(selectRunIsActive)
  const addHeader = useStampede((state) => state.addHeader)
  // The row added by the button takes focus once, so the keyboard goes on typing into it.
  const { focusRow, refFor } = useFocusOnce<number>()

  return (
    <div className="rows-editor">
      <div className="rows-heading">
        <h3 id={headingId}>Headers</h3>
        <button
          type="button"
          className="link-button"
          disabled={runIsActive}
          onClick={() => {
            addHeader()
            focusRow(useStampede.getState().fields.headers.at(-1)?.id)
          }}
        >
          Add header
        </button>
      </div>
      {rows.length > 0 && (
        <table className="rows-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col" className="rows-switch">
                Send
              </th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" className="rows-remove">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <HeaderRowEditor
                key={row.id}
                row={row}
                position={index + 1}
                disabled={runIsActive}
                nameRef={refFor(row.id)}
              />
            ))}
          </tbody>
        </table>
      )}
      {tableMessage && <p className="field-message">{tableMessage}</p>}
    </div>
  )
}

interface HeaderRowEditorProps {
  row: HeaderRow
  position: number
  disabled: boolean
  nameRef: RefCallback<HTMLInputElement> | undefined
}

function HeaderRowEditor({ row, position, disabled, nameRef }: HeaderRowEditorProps) {
  const messageId = useId()
  const message = useStampede(selectHeaderRowMessage(row.id))
  const editHeader = useStampede((state) => state.editHeader)
  const removeHeader = useStampede((state) => state.removeHeader)
  const touchField = useStampede((state) => state.touchField)
  const invalid = message ? true : undefined
  const describedBy = message ? messageId : undefined
  return (
    <>
      <tr className={row.enabled ? undefined : 'row-off'}>
        <td className="rows-switch">
          <input
            type="checkbox"
            aria-label={`Send header ${position}`}
            checked={row.enabled}
            disabled={disabled}
            onChange={(event) => editHeader(row.id, { enabled: event.target.checked })}
          />
        </td>
        <td>
          <input
            type="text"
            aria-label={`Header ${position} name`}
            value={row.name}
            placeholder="X-Request-Id"
            autoComplete="off"
            spellCheck={false}
            ref={nameRef}
            readOnly={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => editHeader(row.id, { name: event.target.value })}
            onBlur={() => touchField('headers')}
          />
        </td>
        <td>
          <input
            type="text"
            aria-label={`Header ${position} value`}
            value={row.value}
            autoComplete="off"
            spellCheck={false}
            readOnly={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => editHeader(row.id, { value: event.target.value })}
            onBlur={() => touchField('headers')}
          />
        </td>
        <RowRemoveButton label={`Remove header ${position}`} disabled={disabled} onRemove={() => removeHeader(row.id)} />
      </tr>
      {message && <RowMessage id={messageId} message={message} columns={3} />}
    </>
  )
}
