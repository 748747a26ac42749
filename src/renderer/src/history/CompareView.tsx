import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatLatency, formatRate } from '../../../shared/format'
import { compareReports } from '../../../shared/compare/run-comparison'
import { suspectWarning } from '../../../shared/compare/comparison-text'
import type { StoredRun } from '../../../shared/run-history'
import { useStampede } from '../app/use-stampede'
import { OverlayChart } from '../charts/OverlayChart'
import { comparedRuns, errorLines, histogramLines, latencyLines, throughputLines } from './compare-lines'
import { DeltaTable, StepDeltaTable } from './DeltaTable'
import { runLabel, selectComparedRuns } from './history-selectors'
import { SettingDifferences } from './SettingDifferences'

const seconds = (value: number): string => `${value}s`
const percent = (value: number): string => `${Number(value.toFixed(1))}%`

/** Two stored runs side by side: their curves overlaid, the deltas (src/shared/compare), the settings that differ. */
export function CompareView() {
  const pair = useStampede(useShallow(selectComparedRuns))
  const showHistoryList = useStampede((state) => state.showHistoryList)
  if (!pair) return null
  return (
    <>
      <div className="history-page-bar">
        <button type="button" className="link-button" onClick={showHistoryList}>
          ← All runs
        </button>
        <h2 className="history-page-title">Compare</h2>
      </div>
      <Comparison base={pair[0]} next={pair[1]} />
    </>
  )
}

function Comparison({ base, next }: { base: StoredRun; next: StoredRun }) {
  // The one comparison (the CLI's `stampede compare` prints the same): nothing is computed here.
  const comparison = useMemo(() => compareReports(base.report, next.report), [base, next])
  const warning = suspectWarning(comparison)
  const runs = useMemo(() => comparedRuns(base, next), [base, next])
  const lines = useMemo(
    () => ({ latency: latencyLines(runs), histogram: histogramLines(runs), throughput: throughputLines(runs), errors: errorLines(runs) }),
    [runs]
  )
  return (
    <>
      <section className="panel" aria-labelledby="compare-runs-heading">
        <h2 id="compare-runs-heading">Runs</h2>
        <ul className="compare-key">
          {runs.map((compared) => (
            <li key={compared.role}>
              <span className="compare-swatch" style={{ background: compared.color }} aria-hidden="true" />
              <strong>{compared.role}</strong>: {runLabel(compared.run)}
            </li>
          ))}
        </ul>
        {warning && (
          <p className="notice notice-warning compare-suspect" role="alert">
            <span className="notice-icon" aria-hidden="true">
              ■
            </span>
            Warning: {warning}
          </p>
        )}
      </section>
      <DeltaTable metrics={comparison.metrics} />
      {comparison.steps && <StepDeltaTable steps={comparison.steps} />}
      <SettingDifferences settings={comparison.settings} />
      <section className="panel charts compare-charts" aria-label="Compared charts">
        <OverlayChart title="Latency over time (p99 solid, p50 dashed)" lines={lines.latency} format={formatLatency} formatX={seconds} />
        <OverlayChart title="Latency histogram (share of responses)" lines={lines.histogram} format={percent} formatX={formatLatency} logX />
        <OverlayChart title="Requests per second" lines={lines.throughput} format={formatRate} formatX={seconds} />
        <OverlayChart title="Errors per second (failed solid, 4xx–5xx dashed)" lines={lines.errors} format={formatRate} formatX={seconds} />
      </section>
    </>
  )
}
