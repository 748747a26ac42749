import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { SavedTest } from '../../../shared/saved-test'
import { useStampede } from '../app/use-stampede'
import { TestNameForm } from './TestNameForm'

interface TestListItemProps {
  test: SavedTest
  open: boolean
  modified: boolean
  /** A run goes: the designer is read-only, so no test opens. */
  locked: boolean
}

type ItemMode = 'showing' | 'renaming' | 'confirmingDelete'

/** One saved test: its name opens it; rename (inline), duplicate and delete (confirmed in place) beside it. */
export function TestListItem({ test, open, modified, locked }: TestListItemProps) {
  const requestOpenTest = useStampede((state) => state.requestOpenTest)
  const renameTest = useStampede((state) => state.renameTest)
  const duplicateTest = useStampede((state) => state.duplicateTest)
  const deleteTest = useStampede((state) => state.deleteTest)
  const [mode, setMode] = useState<ItemMode>('showing')
  const renameButton = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const keepButton = useRef<HTMLButtonElement>(null)
  const closedMode = useRef<ItemMode>('showing')

  // Focus goes back to the button that opened an inline form or question once it closes, not to the page's top.
  useEffect(() => {
    if (mode === 'confirmingDelete') keepButton.current?.focus()
    else if (closedMode.current === 'renaming') renameButton.current?.focus()
    else if (closedMode.current === 'confirmingDelete') deleteButton.current?.focus()
    closedMode.current = 'showing'
  }, [mode])
  const backToShowing = (): void => {
    closedMode.current = mode
    setMode('showing')
  }

  if (mode === 'renaming') {
    return (
      <li className="test-item">
        <TestNameForm
          label={`New name for ${test.name}`}
          initialName={test.name}
          submitText="Rename"
          cancelLabel={`Keep the name ${test.name}`}
          onSubmit={(name) => renameTest(test.id, name)}
          onClose={backToShowing}
        />
      </li>
    )
  }

  const onConfirmKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    backToShowing()
  }

  return (
    <li className={open ? 'test-item test-item-open' : 'test-item'}>
      <button
        type="button"
        className="test-item-name"
        aria-label={open && modified ? `${test.name}, unsaved changes` : test.name}
        aria-current={open ? 'true' : undefined}
        disabled={locked}
        title={locked ? 'A test opens once the run has ended.' : undefined}
        onClick={() => requestOpenTest(test.id)}
      >
        <span className="test-item-label">{test.name}</span>
        {open && modified && (
          <span className="test-item-modified" title="Unsaved changes">
            ●
          </span>
        )}
      </button>
      {mode === 'confirmingDelete' ? (
        <div className="test-confirm" role="group" aria-label={`Delete ${test.name}?`} onKeyDown={onConfirmKeyDown}>
          <p>
            Delete “{test.name}”? Its runs stay in the history, filed under no test.
          </p>
          <div className="test-confirm-actions">
            <button type="button" className="link-button test-danger" onClick={() => void deleteTest(test.id)}>
              Delete
            </button>
            <button ref={keepButton} type="button" className="link-button" onClick={backToShowing}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <div className="test-item-actions">
          <button ref={renameButton} type="button" className="link-button" aria-label={`Rename ${test.name}`} onClick={() => setMode('renaming')}>
            Rename
          </button>
          <button type="button" className="link-button" aria-label={`Duplicate ${test.name}`} onClick={() => void duplicateTest(test.id)}>
            Duplicate
          </button>
          <button ref={deleteButton} type="button" className="link-button" aria-label={`Delete ${test.name}`} onClick={() => setMode('confirmingDelete')}>
            Delete
          </button>
        </div>
      )}
    </li>
  )
}
