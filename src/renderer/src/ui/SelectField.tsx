import { useId } from 'react'

interface SelectFieldProps {
  label: string
  value: string
  options: ReadonlyArray<{ value: string; label: string }>
  message: string | undefined
  disabled: boolean
  onChange(value: string): void
}

/** A labelled select whose message is tied to it; a value outside the options is shown as one more. */
export function SelectField({ label, value, options, message, disabled, onChange }: SelectFieldProps) {
  const id = useId()
  const messageId = `${id}-message`
  const shown = options.some((option) => option.value === value) ? options : [...options, { value, label: value }]
  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
      </div>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {shown.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {message && (
        <p id={messageId} className="field-message">
          {message}
        </p>
      )}
    </div>
  )
}
