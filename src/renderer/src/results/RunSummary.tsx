import { useId } from 'react'
import { formatBytes, formatCount, formatDuration, formatErrorRate, formatLatency, formatRate } from '../../../shared/format'
import { PERCENTILE_COLUMNS, errorsText, settingsLine, statusCodesText, thresholdText } from '../../../shared/report/report-text'
import type { RunReport } from '../../../shared/report/run-report'
import type { LatencySummary } from '../../../shared/run-snapshot'
import { useStampede } from '../app/use-stampede'
import { HistogramChart } from '../charts/HistogramChart'
import { StatTile } from '../ui/StatTile'
import { ExportBar } from './ExportBar'
import { selectSummaryReport } from './results-selectors'
import { iterationLineOfReport, stepRowsOfReport } from './step-rows'
import { StepTable } from './StepResultsTable'

/** The last run's summary, once main has its report. */
export function LastRunSummary() {
  const report = useStampede(selectSummaryReport)
  if (!report) {
    return (
      <section className="panel empty-results">
        <p>The summary appears here when the run ends.</p>
      </section>
    )
  }
  return <RunSummary report={report} />
}

/**
 * A finished run as main exports it: one report (src/shared/report), read in the window. The last
 * run's, or with `runId` a stored run's (its exports then name it).
 */
export function RunSummary({ report, runId }: { report: RunReport; runId?: number }) {
  const { sent, completed, failed, aborted } = report.requests
  // Two summaries can be in the page at once (the designer's, hidden, and a stored run's): ids of their own.
  const ids = useId()
  const steps = stepRowsOfReport(report)
  return (
    <div className="summary">
      <ExportBar runId={runId} />
      <section className="panel" aria-labelledby={`${ids}summary-heading`}>
        <h2 id={`${ids}summary-heading`}>Summary</h2>
        <p className="summary-target">
          <strong>{report.method}</strong> {report.url}
        </p>
        <p className="panel-footnote summary-settings">{settingsLine(report.settings)}</p>
        {report.error && <p className="notice notice-warning">{report.error}</p>}
        <dl className="stat-grid stat-grid-4">
          <StatTile label="Sent" value={formatCount(sent)} />
          <StatTile label="Completed" value={formatCount(completed)} />
          <StatTile label="Failed requests" value={formatCount(failed)} tone={failed > 0 ? 'bad' : undefined} />
          <StatTile label="Aborted" value={formatCount(aborted)} />
          <StatTile label="Throughput" value={`${formatRate(report.rps)} req/s`} />
          <StatTile label="Duration" value={formatDuration(report.durationMs)} />
          <StatTile label="Final error rate" value={formatErrorRate(report.errorRate)} tone={report.errorRate > 0 ? 'bad' : undefined} />
          <StatTile label="Bytes read" value={formatBytes(report.bytesRead)} />
        </dl>
      </section>
      {steps && <StepTable title="Steps" rows={steps} iterations={iterationLineOfReport(report)} />}
      {report.thresholds.length > 0 && <ThresholdTable report={report} ids={ids} />}
      {report.health && (
        <section className="panel" aria-labelledby={`${ids}generator-heading`}>
          <h2 id={`${ids}generator-heading`}>Generator</h2>
          <p className={report.health.verdict === 'ok' ? 'health-ok' : 'health-bad'}>{report.health.summary}</p>
        </section>
      )}
      <section className="panel" aria-labelledby={`${ids}percentiles-heading`}>
        <h2 id={`${ids}percentiles-heading`}>Latency percentiles</h2>
        {completed === 0 ? (
          <p className="count-table-empty">No response arrived.</p>
        ) : (
          <table className="percentile-table" aria-labelledby={`${ids}percentiles-heading`}>
            <thead>
              <tr>
                <th scope="col" />
                {PERCENTILE_COLUMNS.map(([label]) => (
                  <th scope="col" className="numeric" key={label}>
                    {label}
                  </th>
                ))}
                <th scope="col" className="numeric">
                  mean
                </th>
              </tr>
            </thead>
            <tbody>
              <PercentileRow label="Latency" latency={report.latencyMs} />
              {report.rawLatencyMs && <PercentileRow label="From the send (raw)" latency={report.rawLatencyMs} />}
              <PercentileRow label="TTFB" latency={report.ttfbMs} />
            </tbody>
          </table>
        )}
        <HistogramChart bins={report.latencyBins ?? []} />
      </section>
      <section className="panel" aria-labelledby={`${ids}counts-heading`}>
        <h2 id={`${ids}counts-heading`}>Status codes and errors</h2>
        <p>
          <strong>Status codes</strong>: {statusCodesText(report.statusCodes)}
        </p>
        <p>
          <strong>Errors</strong>: {errorsText(report.errors)}
        </p>
      </section>
    </div>
  )
}

function PercentileRow({ label, latency }: { label: string; latency: LatencySummary }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {PERCENTILE_COLUMNS.map(([column, key]) => (
        <td className="numeric" key={column}>
          {formatLatency(latency[key])}
        </td>
      ))}
      <td className="numeric">{formatLatency(latency.mean)}</td>
    </tr>
  )
}

function ThresholdTable({ report, ids }: { report: RunReport; ids: string }) {
  const failed = report.thresholds.filter((threshold) => !threshold.passed).length
  return (
    <section className="panel" aria-labelledby={`${ids}summary-thresholds-heading`}>
      <h2 id={`${ids}summary-thresholds-heading`}>
        Thresholds: {failed === 0 ? 'all passed' : `${failed} of ${report.thresholds.length} failed`}
      </h2>
      <table className="count-table threshold-table" aria-labelledby={`${ids}summary-thresholds-heading`}>
        <tbody>
          {report.thresholds.map((threshold, index) => {
            const { verdict, actual } = thresholdText(threshold)
            return (
              <tr key={`${index}:${threshold.expression}`} className={`threshold-${verdict}`}>
                <th scope="row">
                  <code>{threshold.expression}</code>
                </th>
                <td>{verdict}</td>
                <td className="numeric">{actual}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
