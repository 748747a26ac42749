import { useId } from 'react'

interface CheckboxFieldProps {
  label: string
  /** Said under the label: what the choice costs. */
  hint?: string
  checked: boolean
  message: string | undefined
  disabled: boolean
  onChange(checked: boolean): void
}

/** A labelled checkbox whose hint and message are tied to it for assistive tech. */
export function CheckboxField({ label, hint, checked, message, disabled, onChange }: CheckboxFieldProps) {
  const id = useId()
  const describedBy = [hint && `${id}-hint`, message && `${id}-message`].filter(Boolean).join(' ') || undefined
  return (
    <div className="field checkbox-field">
      <div className="checkbox-row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {message && (
        <p id={`${id}-message`} className="field-message">
          {message}
        </p>
      )}
    </div>
  )
}
