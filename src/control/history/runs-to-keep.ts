import type { RunReport } from '../../shared/report/run-report'
import type { FinishedRunWithResult } from '../last-run'
import type { NewRun } from './history-store'

/** A run of this app as the history keeps it: settings, report (series, health, thresholds), histograms. */
export function runOfApp(run: FinishedRunWithResult): NewRun {
  const { histogram, ttfbHistogram, rawLatencyHistogram } = run.result
  return {
    testId: run.testId ?? null,
    startedAt: run.startedAt.toISOString(),
    source: 'app',
    report: run.report,
    plan: run.plan,
    thresholds: run.thresholds.map((threshold) => threshold.expression),
    histograms: {
      ...(histogram === undefined ? {} : { histogram }),
      ...(ttfbHistogram === undefined ? {} : { ttfbHistogram }),
      ...(rawLatencyHistogram === undefined ? {} : { rawLatencyHistogram })
    }
  }
}

/**
 * A result JSON written by the CLI, imported: filed under no test, without a plan (a report leaves
 * out header values and the body) or histograms; dated by its report, or by when it was imported.
 */
export function runOfImport(report: RunReport, importedAt: Date): NewRun {
  const startedAt = report.startedAt !== undefined && !Number.isNaN(Date.parse(report.startedAt)) ? report.startedAt : importedAt.toISOString()
  return {
    testId: null,
    startedAt,
    source: 'import',
    report,
    plan: null,
    thresholds: report.thresholds.map((threshold) => threshold.expression),
    histograms: {}
  }
}
