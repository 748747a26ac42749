import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { TEST_NAME_MAX_LENGTH } from '../../../shared/test-name'
import type { TestChange } from './saved-tests-slice'

interface TestNameFormProps {
  /** The input's name for assistive tech, such as "Name of the new test" or "New name for Checkout". */
  label: string
  initialName?: string
  /** The button's text; `submitLabel` for assistive tech when the text alone is not enough. */
  submitText: string
  submitLabel?: string
  cancelLabel: string
  onSubmit(name: string): Promise<TestChange>
  /** Called on Escape or the cancel button, and after a save. */
  onClose(): void
}

/**
 * A name typed inline: Enter saves, Escape cancels. The action's refusal (an empty or taken name, a
 * plan with mistakes) shows under the input, which keeps what was typed.
 */
export function TestNameForm({ label, initialName = '', submitText, submitLabel, cancelLabel, onSubmit, onClose }: TestNameFormProps) {
  const [name, setName] = useState(initialName)
  const [message, setMessage] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const messageId = useId()

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    const change = await onSubmit(name)
    setBusy(false)
    if (change.ok) onClose()
    else {
      setMessage(change.message)
      input.current?.focus()
    }
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Escape') return
    // Handled here: Escape elsewhere stops a run (app/keyboard-shortcuts.ts), not this.
    event.preventDefault()
    onClose()
  }

  return (
    <form className="test-name-form" onSubmit={(event) => void submit(event)} noValidate>
      <input
        ref={input}
        type="text"
        aria-label={label}
        value={name}
        // Room past the limit, so a long name gets the limit's message rather than being cut silently.
        maxLength={TEST_NAME_MAX_LENGTH * 2}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? messageId : undefined}
        onChange={(event) => {
          setName(event.target.value)
          setMessage(undefined)
        }}
        onKeyDown={onKeyDown}
      />
      <div className="test-name-actions">
        <button type="submit" className="link-button" aria-label={submitLabel} aria-busy={busy || undefined}>
          {submitText}
        </button>
        <button type="button" className="link-button" aria-label={cancelLabel} onClick={onClose}>
          Discard
        </button>
      </div>
      {message && (
        <p id={messageId} className="field-message">
          {message}
        </p>
      )}
    </form>
  )
}
