import { useId, useRef, useState } from 'react'
import { BUILT_IN_VARIABLES } from '../../../shared/flow/template'

interface TemplateInputProps {
  label: string
  value: string
  /** The variables defined at this step (flow-form.ts's variablesKnownAt). */
  known: readonly string[]
  describedBy: string | undefined
  invalid: boolean
  disabled: boolean
  placeholder?: string
  onChange(value: string): void
  onBlur?(): void
}

/** What the caret is in: an open `{{` and the name typed after it so far. */
const OPEN_SLOT = /\{\{\s*([\w.$-]*)$/

/**
 * A text field of a step that may hold `{{variables}}`: typing `{{` offers the names known at this
 * step and the built-ins; choosing one writes it in with its closing braces.
 */
export function TemplateInput({ label, value, known, describedBy, invalid, disabled, placeholder, onChange, onBlur }: TemplateInputProps) {
  const listId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [typed, setTyped] = useState<string | undefined>(undefined)
  const offered = typed === undefined ? [] : [...known, ...Object.keys(BUILT_IN_VARIABLES)].filter((name) => name.startsWith(typed))

  const follow = (text: string, caret: number | null): void => {
    const open = OPEN_SLOT.exec(text.slice(0, caret ?? text.length))
    setTyped(open ? open[1] : undefined)
  }
  const choose = (name: string): void => {
    const element = input.current
    const caret = element?.selectionStart ?? value.length
    const before = value.slice(0, caret).replace(OPEN_SLOT, `{{${name}}}`)
    const next = before + value.slice(caret)
    onChange(next)
    setTyped(undefined)
    requestAnimationFrame(() => {
      element?.focus()
      element?.setSelectionRange(before.length, before.length)
    })
  }

  return (
    <span className="template-input">
      <input
        ref={input}
        type="text"
        value={value}
        aria-label={label}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        aria-controls={offered.length > 0 ? listId : undefined}
        placeholder={placeholder}
        readOnly={disabled}
        spellCheck={false}
        onChange={(event) => {
          onChange(event.target.value)
          follow(event.target.value, event.target.selectionStart)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setTyped(undefined)
        }}
        onBlur={() => onBlur?.()}
      />
      {offered.length > 0 && (
        <span id={listId} role="listbox" aria-label={`Variables for ${label}`} className="template-offers">
          {offered.map((name) => (
            <button
              key={name}
              type="button"
              role="option"
              aria-selected={false}
              className="template-offer"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(name)}
            >
              {name}
            </button>
          ))}
        </span>
      )}
    </span>
  )
}
