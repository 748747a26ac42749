interface RowMessageProps {
  /** What the row's inputs name in aria-describedby. */
  id: string
  message: string
  /** Table columns the message spans, after the first (the row's label or switch). */
  columns: number
}

/** A row's own validation message, on a table row of its own right under it. */
export function RowMessage({ id, message, columns }: RowMessageProps) {
  return (
    <tr>
      <td />
      <td colSpan={columns}>
        <p id={id} className="field-message">
          {message}
        </p>
      </td>
    </tr>
  )
}
