import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount, formatLatency, formatPercent, formatRate } from '../../../shared/format'
import { useStampede } from '../app/use-stampede'
import type { RunSlice } from '../run/run-slice'
import { iterationLineOfSnapshot, stepRowsOfSnapshot, type IterationLine, type StepRow } from './step-rows'

/** Use with useShallow: the flow's figures of the snapshot on screen (each snapshot brings new ones). */
const selectFlowFigures = (state: RunSlice) => ({
  steps: state.snapshot?.steps,
  iterations: state.snapshot?.iterations,
  elapsedMs: state.snapshot?.elapsedMs ?? 0
})

const NONE = '–'
const latencyOrNone = (value: number | null): string => (value === null ? NONE : formatLatency(value))

/**
 * A flow's run step by step, beside the run's tiles: one row per step (even two steps of the same
 * URL), updated with the snapshot as the tiles are; then the iterations' line.
 */
export function StepResultsTable() {
  const { steps, iterations, elapsedMs } = useStampede(useShallow(selectFlowFigures))
  if (!steps) return null
  return (
    <StepTable
      title="Step results"
      rows={stepRowsOfSnapshot(steps, elapsedMs)}
      iterations={iterations && iterationLineOfSnapshot(iterations, elapsedMs)}
    />
  )
}

/**
 * The one step table of the window: the live run's (above), and a finished run's in its summary,
 * stored or the last (./step-rows.ts reads both from src/shared's figures).
 */
export function StepTable({ title, rows, iterations }: { title: string; rows: readonly StepRow[]; iterations?: IterationLine }) {
  // Two summaries can be in the page at once (the designer's, hidden, and a stored run's): ids of their own.
  const heading = useId()
  return (
    <section className="panel" aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      <table className="count-table step-results" aria-labelledby={heading}>
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
          {rows.map((row, index) => {
            const judged = row.checks.passed + row.checks.failed
            return (
              <tr key={index} aria-label={`Step ${index + 1}: ${row.name}`}>
                <th scope="row" className="step-results-name">
                  {index + 1}. {row.name}
                </th>
                <td className="numeric">{formatCount(row.sent)}</td>
                <td className="numeric">{formatRate(row.rps)}</td>
                <td className="numeric">{latencyOrNone(row.p50)}</td>
                <td className="numeric">{latencyOrNone(row.p99)}</td>
                <td className="numeric">{formatCount(row.clientOrServerError)}</td>
                <td className="numeric">{formatCount(row.failed)}</td>
                <td className="numeric">{judged === 0 ? NONE : formatPercent(row.checks.passed, judged)}</td>
                <td className="numeric">{formatCount(row.capturesFailed)}</td>
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
            <dd>{formatRate(iterations.perSecond)}</dd>
          </div>
          <div>
            <dt>Iteration p50</dt>
            <dd>{latencyOrNone(iterations.p50)}</dd>
          </div>
          <div>
            <dt>Iteration p99</dt>
            <dd>{latencyOrNone(iterations.p99)}</dd>
          </div>
        </dl>
      )}
    </section>
  )
}
