import { useId, type HTMLAttributes, type ReactNode } from 'react'

interface TextFieldProps {
  label: string
  /** A short aside next to the label; part of the description, not of the name. */
  hint?: string
  placeholder?: string
  inputMode: HTMLAttributes<HTMLInputElement>['inputMode']
  /** A control that belongs with the field, shown at the end of its label row. */
  action?: ReactNode
  value: string
  /** What is wrong with the value, shown under it; undefined while it is fine. */
  message: string | undefined
  readOnly: boolean
  onChange(text: string): void
  onBlur(): void
}

/** A labelled text input whose message is tied to it for assistive tech. */
export function TextField({
  label,
  hint,
  placeholder,
  inputMode,
  action,
  value,
  message,
  readOnly,
  onChange,
  onBlur
}: TextFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const messageId = `${id}-message`
  const describedBy = [hint && hintId, message && messageId].filter(Boolean).join(' ') || undefined

  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span id={hintId} className="field-hint">
            {hint}
          </span>
        )}
        {action}
      </div>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        readOnly={readOnly}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      {message && (
        <p id={messageId} className="field-message">
          {message}
        </p>
      )}
    </div>
  )
}
