interface RowRemoveButtonProps {
  /** Names the row, for a screen reader: "Remove header 2". */
  label: string
  disabled: boolean
  onRemove(): void
}

/** The × cell that removes one row of an editable table (headers, query parameters, stages). */
export function RowRemoveButton({ label, disabled, onRemove }: RowRemoveButtonProps) {
  return (
    <td className="rows-remove">
      <button type="button" className="icon-button" aria-label={label} disabled={disabled} onClick={onRemove}>
        ×
      </button>
    </td>
  )
}
