import { useId } from 'react'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { ChoiceGroup } from '../ui/ChoiceGroup'
import { BODY_CONTENT_TYPES, type BodyKind } from './plan-form'
import { selectChoice, selectFieldMessage, selectFieldText, selectHeaderRows } from './plan-selectors'

const BODY_KINDS: ReadonlyArray<{ value: BodyKind; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' }
]

/** The body: none, text or JSON (checked as typed), sent with the kind's Content-Type unless a header row sets one. */
export function BodyEditor() {
  const id = useId()
  const kind = useStampede(selectChoice('bodyKind'))
  const body = useStampede(selectFieldText('body'))
  const message = useStampede(selectFieldMessage('body'))
  const rows = useStampede(selectHeaderRows)
  const runIsActive = useStampede(selectRunIsActive)
  const choose = useStampede((state) => state.choose)
  const editField = useStampede((state) => state.editField)
  const touchField = useStampede((state) => state.touchField)

  const ownContentType = rows.some((row) => row.enabled && row.name.trim().toLowerCase() === 'content-type')
  const hint =
    kind === 'none' ? undefined : ownContentType ? 'Sent with your Content-Type header' : `Sent as ${BODY_CONTENT_TYPES[kind]}`
  const describedBy = [`${id}-hint`, message && `${id}-message`].filter(Boolean).join(' ')

  return (
    <div className="body-editor">
      <ChoiceGroup legend="Body" value={kind} options={BODY_KINDS} disabled={runIsActive} onChange={(value) => choose('bodyKind', value)} />
      {kind !== 'none' && (
        <div className="field">
          <div className="field-label-row">
            <label htmlFor={id}>Body content</label>
            <span id={`${id}-hint`} className="field-hint">
              {hint}
            </span>
          </div>
          <textarea
            id={id}
            value={body}
            rows={4}
            spellCheck={false}
            readOnly={runIsActive}
            placeholder={kind === 'json' ? '{"name": "value"}' : undefined}
            aria-invalid={message ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => editField('body', event.target.value)}
            onBlur={() => touchField('body')}
          />
          {message && (
            <p id={`${id}-message`} className="field-message">
              {message}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
