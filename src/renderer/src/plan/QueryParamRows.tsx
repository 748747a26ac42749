import { useId } from 'react'
import { useStampede } from '../app/use-stampede'
import { selectRunIsActive } from '../run/run-selectors'
import { selectQueryParams } from './plan-selectors'
import { RowRemoveButton } from '../ui/RowRemoveButton'
import { useFocusOnce } from '../ui/use-focus-once'

/** The URL's query as rows: each edit here rewrites the URL, each edit of the URL redraws these. */
export function QueryParamRows() {
  const headingId = useId()
  const params = useStampede(selectQueryParams)
  const runIsActive = useStampede(selectRunIsActive)
  const addQueryParam = useStampede((state) => state.addQueryParam)
  const editQueryParam = useStampede((state) => state.editQueryParam)
  const removeQueryParam = useStampede((state) => state.removeQueryParam)
  // The row added by the button takes focus once, so the keyboard goes on typing into it.
  const { focusRow, refFor } = useFocusOnce<number>()

  return (
    <div className="rows-editor">
      <div className="rows-heading">
        <h3 id={headingId}>Query parameters</h3>
        <button
          type="button"
          className="link-button"
          disabled={runIsActive}
          onClick={() => {
            focusRow(params.length)
            addQueryParam()
          }}
        >
          Add parameter
        </button>
      </div>
      {params.length > 0 && (
        <table className="rows-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" className="rows-remove">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {/* Rows have no identity but their place: the URL holds nothing else. */}
            {params.map((param, index) => (
              <tr key={index}>
                <td>
                  <input
                    type="text"
                    aria-label={`Query parameter ${index + 1} name`}
                    value={param.name}
                    autoComplete="off"
                    spellCheck={false}
                    ref={refFor(index)}
                    readOnly={runIsActive}
                    onChange={(event) => editQueryParam(index, { name: event.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Query parameter ${index + 1} value`}
                    value={param.value}
                    autoComplete="off"
                    spellCheck={false}
                    readOnly={runIsActive}
                    onChange={(event) => editQueryParam(index, { value: event.target.value })}
                  />
                </td>
                <RowRemoveButton label={`Remove query parameter ${index + 1}`} disabled={runIsActive} onRemove={() => removeQueryParam(index)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
