import type { RunPlan } from './run-plan'
import type { RunReport } from './report/run-report'
import type { RunOutcome } from './run-snapshot'

/** Where a stored run came from: a run of this app, or a result JSON written by the CLI and imported. */
export type RunSource = 'app' | 'import'

/** A run as the history list shows it: one row, its figures taken from its report. */
export interface RunRecordSummary {
  id: number
  /** The saved test the run is filed under; null for a run of an unsaved plan, or an import. */
  testId: number | null
  /** The test's name when the run was stored (kept if the test is renamed or deleted). */
  testName: string | null
  /** ISO 8601: the report's startedAt, or when it was stored if the report has none. */
  startedAt: string
  outcome: RunOutcome
  url: string
  method: string
  /** The report's rps, latencyMs.p99 and errorRate: the same numbers, never recomputed. */
  rps: number
  p99Ms: number
  errorRate: number
  /** Every threshold passed; null when the run had none. */
  thresholdsPassed: boolean | null
  source: RunSource
  /** This run is its test's baseline. */
  isBaseline: boolean
}

/** A stored run, whole: enough to show its summary and charts, export it, compare it and run it again. */
export interface StoredRun extends RunRecordSummary {
  /** The report as it was stored, series and latency bins included. */
  report: RunReport
  /** The plan it ran with; null for an import (a report leaves out header values and the body). */
  plan: RunPlan | null
  thresholds: string[]
}

/** The history database's state, for the settings panel and for a warning when it could not be used. */
export interface HistoryStatus {
  /** False when the database could not be opened: runs are then not kept, and `message` says why. */
  available: boolean
  /** Something the user must know: a corrupt file set aside (and where), a locked one, a failed migration. */
  message?: string
  runCount: number
  maxRuns: number
  /** The database file and its journal, in bytes. */
  sizeBytes: number
  /** The database file's path, to show. */
  location: string
}

/** How many runs the history keeps: the oldest beyond this are deleted when a run is stored (baselines are kept). */
export const MAX_RUNS_LIMITS = { min: 1, max: 100_000, default: 1_000 } as const
