import { useShallow } from 'zustand/react/shallow'
import { checkTotalsOf, iterationsPerSecond, stepRequestsPerSecond } from '../../../shared/flow/flow-figures'
import { formatCount, formatLatency, formatPercent, formatRate } from '../../../shared/format'
import { classifyOutcomes } from '../../../shared/request-outcomes'
import { useStampede } from '../app/use-stampede'
import type { RunSlice } from '../run/run-slice'

/** Use with useShallow: the flow's figures of the snapshot on screen (each snapshot brings new ones). */
const selectFlowFigures = (state: RunSlice) => ({
  steps: state.snapshot?.steps,
  iterations: state.snapshot?.iterations,
  elapsedMs: state.snapshot?.elapsedMs ?? 0
})

const NONE = '–'

/**
 * A flow's run step by step, beside the run's tiles: one row per step (even two steps of the same
 * URL) with its requests sent, updated with the snapshot as the tiles are; then the iterations' line. Every figure is
 * src/shared's (flow-figures.ts, request-outcomes.ts), as the report and the CLI show them.
 */
export function StepResultsTable() {
  const { steps, iterations, elapsedMs } = useStampede(useShallow(selectFlowFigures))
  if (!steps) return null
  return (
    <section className="panel" aria-labelledby="steps-heading">
      <h2 id="steps-heading">Step results</h2>
      <table className="count-table step-results" aria-labelledby="steps-heading">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="numeric">Requests</th>
            <th scope="col" className="numeric">req/s</th>
            <th scope="col" className="numeric">p50</th>
            <th scope="col" className="numeric">p99</th>
            <th scope="col" className="numeric">4xx–5xx</th>
            <th scope="col" className="numeric">Failed</th>
            <th scope="col" className="numeric">Checks passed</th>
            <th scope="col" className="numeric">Failed captures</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, index) => {
            const outcomes = classifyOutcomes(step)
            const checks = checkTotalsOf(step.checks)
            const judged = checks.passed + checks.failed
            const answered = outcomes.completed > 0
            return (
              <tr key={index} aria-label={`Step ${index + 1}: ${step.name}`}>
                <th scope="row" className="step-results-name">
                  {index + 1}. {step.name}
                </th>
                <td className="numeric">{formatCount(outcomes.sent)}</td>
                <td className="numeric">{formatRate(stepRequestsPerSecond(step, elapsedMs))}</td>
                <td className="numeric">{answered ? formatLatency(step.latencyMs.p50) : NONE}</td>
                <td className="numeric">{answered ? formatLatency(step.latencyMs.p99) : NONE}</td>
                <td className="numeric">{formatCount(outcomes.clientOrServerError)}</td>
                <td className="numeric">{formatCount(outcomes.failed)}</td>
                <td className="numeric">{judged === 0 ? NONE : formatPercent(checks.passed, judged)}</td>
                <td className="numeric">{formatCount(step.captures.failed)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {iterations && (
        <dl className="iterations-line" aria-label="Iterations">
          <div>
            <dt>Iterations started</dt>
            <dd>{formatCount(iterations.started)}</dd>
          </div>
          <div>
            <dt>Completed</dt>
            <dd>{formatCount(iterations.completed)}</dd>
          </div>
          <div>
            <dt>Failed iterations</dt>
            <dd>{formatCount(iterations.failed)}</dd>
          </div>
          <div>
            <dt>Iterations/s</dt>
            <dd>{formatRate(iterationsPerSecond(iterations, elapsedMs))}</dd>
          </div>
          <div>
            <dt>Iteration p50</dt>
            <dd>{iterations.completed > 0 ? formatLatency(iterations.durationMs.p50) : NONE}</dd>
          </div>
          <div>
            <dt>Iteration p99</dt>
            <dd>{iterations.completed > 0 ? formatLatency(iterations.durationMs.p99) : NONE}</dd>
          </div>
        </dl>
      )}
    </section>
  )
}
