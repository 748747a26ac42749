import type { TestsNote } from './saved-tests-slice'

/** A line about the last action on tests, read out politely; an error stays until dismissed. */
export function TestsNoteLine({ note, onDismiss }: { note: TestsNote | undefined; onDismiss?: () => void }) {
  // The live region is always there, so a note that appears in it is announced.
  return (
    <div className="tests-note-slot" aria-live="polite">
      {note && (
        <p className={`tests-note tests-note-${note.tone}`}>
          <span className="tests-note-text">{note.text}</span>
          {onDismiss && (
            <button type="button" className="link-button" aria-label="Dismiss the message" onClick={onDismiss}>
              ×
            </button>
          )}
        </p>
      )}
    </div>
  )
}
