import { useId, type HTMLAttributes, type ReactNode } from 'react'
import { selectFieldMessage, selectFieldText, type FormField as FieldName } from '../plan/plan-slice'
import { selectRunIsActive } from '../run/run-slice'
import { useStampede } from '../app/stampede-store'

interface FormFieldProps {
  field: FieldName
  label: string
  /** A short aside next to the label; part of the description, not of the name. */
  hint?: string
  placeholder?: string
  inputMode: HTMLAttributes<HTMLInputElement>['inputMode']
  /** A control that belongs with the field, shown at the end of its label row. */
  action?: ReactNode
}

/** A labelled text input whose message is tied to it for assistive tech. */
export function FormField({ field, label, hint, placeholder, inputMode, action }: FormFieldProps) {
  const id = useId()
  const text = useStampede(selectFieldText(field))
  const message = useStampede(selectFieldMessage(field))
  const runIsActive = useStampede(selectRunIsActive)
  const editField = useStampede((state) => state.editField)
  const touchField = useStampede((state) => state.touchField)

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
        value={text}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        readOnly={runIsActive}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => editField(field, event.target.value)}
        onBlur={() => touchField(field)}
      />
      {message && (
        <p id={messageId} className="field-message">
          {message}
        </p>
      )}
    </div>
  )
}
