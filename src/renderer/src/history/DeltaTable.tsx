import { formatMetricChange, formatMetricValue, formatRelative } from '../../../shared/compare/delta-format'
import { STEP_TABLE_METRICS, TABLE_METRICS, type MetricDelta, type StepDelta } from '../../../shared/compare/run-comparison'

/** Words and colour both: a verdict is never told by colour alone. */
const VERDICT_WORDS = { better: 'better', worse: 'worse', unchanged: 'unchanged', unknown: '–' } as const

/** The deltas from base to new, as compareReports gives them, with which way is better. */
export function DeltaTable({ metrics }: { metrics: readonly MetricDelta[] }) {
  const rows = metrics.filter((delta) => TABLE_METRICS.includes(delta.metric))
  return (
    <section className="panel" aria-labelledby="deltas-heading">
      <h2 id="deltas-heading">Deltas (new against base)</h2>
      <table className="count-table delta-table" aria-labelledby="deltas-heading">
        <DeltaHead first="Metric" />
        <tbody>
          {rows.map((delta) => (
            <DeltaRow key={delta.metric} delta={delta} />
          ))}
        </tbody>
      </table>
    </section>
  )
}

/**
 * A flow's deltas step by step: each step both runs have (matched by name, as compareReports
 * matches them), its rows those `stampede compare` prints for a step (STEP_TABLE_METRICS).
 */
export function StepDeltaTable({ steps }: { steps: readonly StepDelta[] }) {
  return (
    <section className="panel" aria-labelledby="step-deltas-heading">
      <h2 id="step-deltas-heading">Steps, new against base</h2>
      {steps.length === 0 ? (
        <p className="count-table-empty">The two runs have no step in common.</p>
      ) : (
        <table className="count-table delta-table step-delta-table" aria-labelledby="step-deltas-heading">
          <DeltaHead first="Step and metric" />
          {steps.map((step, index) => (
            <tbody key={index} data-step={step.name} aria-label={`Step ${step.name}`}>
              <tr className="step-delta-name">
                <th scope="rowgroup" colSpan={6}>
                  {step.name}
                </th>
              </tr>
              {step.metrics
                .filter((delta) => STEP_TABLE_METRICS.includes(delta.metric))
                .map((delta) => (
                  <DeltaRow key={delta.metric} delta={delta} />
                ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  )
}

function DeltaHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
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
  )
}

function DeltaRow({ delta }: { delta: MetricDelta }) {
  return (
    <tr className={`delta-${delta.verdict}`} data-metric={delta.metric}>
      <th scope="row">{delta.label}</th>
      <td className="numeric">{formatMetricValue(delta.metric, delta.base)}</td>
      <td className="numeric">{formatMetricValue(delta.metric, delta.next)}</td>
      <td className="numeric">{formatMetricChange(delta.metric, delta.change)}</td>
      <td className="numeric">{formatRelative(delta.relativeChange)}</td>
      <td className="delta-verdict">{VERDICT_WORDS[delta.verdict]}</td>
    </tr>
  )
}
