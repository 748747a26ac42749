import { formatMetricChange, formatMetricValue, formatRelative } from '../../../shared/compare/delta-format'
import { TABLE_METRICS, type MetricDelta } from '../../../shared/compare/run-comparison'

/** Words and colour both: a verdict is never told by colour alone. */
const VERDICT_WORDS = { better: 'better', worse: 'worse', unchanged: 'unchanged', unknown: '–' } as const

/** The deltas from base to new, as compareReports gives them, with which way is better. */
export function DeltaTable({ metrics }: { metrics: readonly MetricDelta[] }) {
  const rows = metrics.filter((delta) => TABLE_METRICS.includes(delta.metric))
  return (
    <section className="panel" aria-labelledby="deltas-heading">
      <h2 id="deltas-heading">Deltas (new against base)</h2>
      <table className="count-table delta-table" aria-labelledby="deltas-heading">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="numeric">
              Base
            </th>
            <th scope="col" className="numeric">
              New
            </th>
            <th scope="col" className="numeric">
              Change
            </th>
            <th scope="col" className="numeric">
              Relative
            </th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((delta) => (
            <tr key={delta.metric} className={`delta-${delta.verdict}`} data-metric={delta.metric}>
              <th scope="row">{delta.label}</th>
              <td className="numeric">{formatMetricValue(delta.metric, delta.base)}</td>
              <td className="numeric">{formatMetricValue(delta.metric, delta.next)}</td>
              <td className="numeric">{formatMetricChange(delta.metric, delta.change)}</td>
              <td className="numeric">{formatRelative(delta.relativeChange)}</td>
              <td className="delta-verdict">{VERDICT_WORDS[delta.verdict]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
