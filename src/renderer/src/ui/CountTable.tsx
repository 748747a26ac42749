import { formatCount, formatPercent } from '../../../shared/format'

export interface CountRow {
  key: string
  label: string
  count: number
  /** A CSS class for the row's marker, e.g. the status class. */
  marker: string
  /** Text for the table's detail column, such as an example message. */
  detail?: string
}

interface CountTableProps {
  title: string
  labelHeader: string
  rows: CountRow[]
  /** Shares are of all requests that ended. */
  done: number
  emptyText: string
  /** Names a last column of each row's detail; no column without it. */
  detailHeader?: string
}

/** Counts with their share of the run, the share drawn as a thin bar. */
export function CountTable({ title, labelHeader, rows, done, emptyText, detailHeader }: CountTableProps) {
  const headingId = `${title.toLowerCase().replace(/\W+/g, '-')}-heading`
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? (
        <p className="count-table-empty">{emptyText}</p>
      ) : (
        <table className="count-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className="numeric">
                Count
              </th>
              <th scope="col" className="numeric share-column">
                Share
              </th>
              {detailHeader && (
                <th scope="col" className="count-detail">
                  {detailHeader}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  <span className={`marker ${row.marker}`} aria-hidden="true" />
                  {row.label}
                </th>
                <td className="numeric">{formatCount(row.count)}</td>
                <td className="numeric share-column">
                  <span className="share">
                    <span className="share-bar" aria-hidden="true">
                      <span className={row.marker} style={{ transform: `scaleX(${done > 0 ? row.count / done : 0})` }} />
                    </span>
                    <span className="share-value">{formatPercent(row.count, done)}</span>
                  </span>
                </td>
                {detailHeader && (
                  <td className="count-detail" title={row.detail}>
                    {row.detail ?? ''}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
