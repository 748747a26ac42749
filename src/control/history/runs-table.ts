import { deflateSync, inflateSync } from 'node:zlib'
import type { RunPlan } from '../../shared/run-plan'
import type { RunRecordSummary, RunSource, StoredRun } from '../../shared/run-history'
import type { RunReport } from '../../shared/report/run-report'
import type { RunOutcome } from '../../shared/run-snapshot'
import type { Database } from './sqlite'

/** The encoded HdrHistograms of a run (RunResult's), kept as they came so they merge and compare exactly. */
export interface RunHistograms {
  histogram?: string
  ttfbHistogram?: string
  rawLatencyHistogram?: string
}

/** A run to keep: its list figures are taken from `report`, never given separately. */
export interface RunToStore {
  /** The saved test it is filed under, with its name now. */
  test: { id: number; name: string } | null
  /** ISO 8601. */
  startedAt: string
  source: RunSource
  report: RunReport
  plan: RunPlan | null
  thresholds: readonly string[]
  histograms: RunHistograms
}

interface SummaryRow {
  id: number
  test_id: number | null
  test_name: string | null
  started_at: string
  outcome: RunOutcome
  url: string
  method: string
  rps: number
  p99_ms: number
  error_rate: number
  thresholds_passed: number | null
  source: RunSource
  is_baseline: number
}

interface ReportColumns {
  report_json: string
  report_deflated: Uint8Array | null
}

interface StoredRow extends SummaryRow, ReportColumns {
  plan_json: string | null
  thresholds_json: string
}

const SUMMARY_COLUMNS = `runs.id, runs.test_id, runs.test_name, runs.started_at, runs.outcome, runs.url, runs.method,
  runs.rps, runs.p99_ms, runs.error_rate, runs.thresholds_passed, runs.source,
  coalesce(tests.baseline_run_id = runs.id, 0) AS is_baseline`
const FROM_RUNS = 'FROM runs LEFT JOIN tests ON tests.id = runs.test_id'
const NEWEST_FIRST = 'ORDER BY runs.started_at DESC, runs.id DESC'

/** Stored runs. Each row's figures are its report's, so the list and the report cannot disagree. */
export class RunsTable {
  constructor(private readonly database: Database) {}

  insert(run: RunToStore): number {
    const { report } = run
    const passed = report.thresholds.length === 0 ? null : report.thresholds.every((threshold) => threshold.passed) ? 1 : 0
    const { lastInsertRowid } = this.database
      .prepare(
        `INSERT INTO runs (test_id, test_name, started_at, outcome, url, method, rps, p99_ms, error_rate, source,
          report_json, report_deflated, plan_json, histogram, thresholds_json, thresholds_passed, ttfb_histogram,
          raw_latency_histogram)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        run.test?.id ?? null,
        run.test?.name ?? null,
        run.startedAt,
        report.outcome,
        report.url,
        report.method,
        report.rps,
        report.latencyMs.p99,
        report.errorRate,
        run.source,
        deflateSync(JSON.stringify(report)),
        run.plan === null ? null : JSON.stringify(run.plan),
        run.histograms.histogram ?? null,
        JSON.stringify(run.thresholds),
        passed,
        run.histograms.ttfbHistogram ?? null,
        run.histograms.rawLatencyHistogram ?? null
      )
    return Number(lastInsertRowid)
  }

  /** Newest first: a test's runs, or (testId undefined) every run. */
  list(testId?: number): RunRecordSummary[] {
    const rows =
      testId === undefined
        ? this.database.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM_RUNS} ${NEWEST_FIRST}`).all()
        : this.database.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM_RUNS} WHERE runs.test_id = ? ${NEWEST_FIRST}`).all(testId)
    return (rows as unknown as SummaryRow[]).map(summaryOf)
  }

  summary(id: number): RunRecordSummary | undefined {
    const row = this.database.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM_RUNS} WHERE runs.id = ?`).get(id)
    return row ? summaryOf(row as unknown as SummaryRow) : undefined
  }

  get(id: number): StoredRun | undefined {
    const row = this.database
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, runs.report_json, runs.report_deflated, runs.plan_json, runs.thresholds_json
         ${FROM_RUNS} WHERE runs.id = ?`
      )
      .get(id) as unknown as StoredRow | undefined
    if (!row) return undefined
    return {
      ...summaryOf(row),
      report: JSON.parse(reportTextOf(row)),
      plan: row.plan_json === null ? null : JSON.parse(row.plan_json),
      thresholds: JSON.parse(row.thresholds_json)
    }
  }

  /** The report exactly as stored, before parsing. */
  reportText(id: number): string | undefined {
    const row = this.database.prepare('SELECT report_json, report_deflated FROM runs WHERE id = ?').get(id)
    return row ? reportTextOf(row as unknown as ReportColumns) : undefined
  }

  histograms(id: number): RunHistograms | undefined {
    const row = this.database
      .prepare('SELECT histogram, ttfb_histogram, raw_latency_histogram FROM runs WHERE id = ?')
      .get(id) as { histogram: string | null; ttfb_histogram: string | null; raw_latency_histogram: string | null } | undefined
    if (!row) return undefined
    return {
      ...(row.histogram === null ? {} : { histogram: row.histogram }),
      ...(row.ttfb_histogram === null ? {} : { ttfbHistogram: row.ttfb_histogram }),
      ...(row.raw_latency_histogram === null ? {} : { rawLatencyHistogram: row.raw_latency_histogram })
    }
  }

  /** The test a run is filed under (null for none); undefined when there is no such run. */
  testOf(id: number): number | null | undefined {
    const row = this.database.prepare('SELECT test_id FROM runs WHERE id = ?').get(id) as { test_id: number | null } | undefined
    return row?.test_id
  }

  delete(id: number): boolean {
    return this.database.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0
  }

  count(): number {
    return (this.database.prepare('SELECT count(*) AS count FROM runs').get() as { count: number }).count
  }

  /**
   * Deletes the earliest stored runs until at most `maxRuns` are left, never a test's baseline (so
   * baselines count toward the limit but outlive it). By storage order, so a just-imported old run is
   * not the first to go. Returns how many were deleted.
   */
  prune(maxRuns: number): number {
    const { changes } = this.database
      .prepare(
        `DELETE FROM runs WHERE id IN (
          SELECT id FROM runs
          WHERE id NOT IN (SELECT baseline_run_id FROM tests WHERE baseline_run_id IS NOT NULL)
          ORDER BY id
          LIMIT max(0, (SELECT count(*) FROM runs) - ?))`
      )
      .run(maxRuns)
    // Hands the freed pages back to the disk (auto_vacuum is incremental), so the size shown shrinks.
    if (Number(changes) > 0) this.database.exec('PRAGMA incremental_vacuum')
    return Number(changes)
  }
}

/** A run stored since version 3 has its report deflated; one stored before, as text. */
function reportTextOf(row: ReportColumns): string {
  return row.report_deflated === null ? row.report_json : inflateSync(row.report_deflated).toString('utf8')
}

function summaryOf(row: SummaryRow): RunRecordSummary {
  return {
    id: row.id,
    testId: row.test_id,
    testName: row.test_name,
    startedAt: row.started_at,
    outcome: row.outcome,
    url: row.url,
    method: row.method,
    rps: row.rps,
    p99Ms: row.p99_ms,
    errorRate: row.error_rate,
    thresholdsPassed: row.thresholds_passed === null ? null : row.thresholds_passed === 1,
    source: row.source,
    isBaseline: row.is_baseline === 1
  }
}
