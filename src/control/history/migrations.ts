import { inTransaction, type Database } from './sqlite'

/**
 * The history's schema, one step per version: step i takes a database from user_version i to i + 1.
 * A step is never edited once released; a change is a new step at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: tests, runs and settings. Runs keep their report, plan and latency histogram.
  `
  CREATE TABLE tests (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    plan_json TEXT NOT NULL,
    baseline_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    test_id INTEGER REFERENCES tests(id) ON DELETE SET NULL,
    test_name TEXT,
    started_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    url TEXT NOT NULL,
    method TEXT NOT NULL,
    rps REAL NOT NULL,
    p99_ms REAL NOT NULL,
    error_rate REAL NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('app', 'import')),
    report_json TEXT NOT NULL,
    plan_json TEXT,
    histogram TEXT
  );
  CREATE INDEX runs_by_test ON runs (test_id, id);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 2: thresholds (a test's, a run's and whether they passed) and the TTFB and raw latency histograms.
  // A run stored by version 1 gets its thresholds back from its report, which always held them.
  `
  ALTER TABLE tests ADD COLUMN thresholds_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE runs ADD COLUMN thresholds_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE runs ADD COLUMN thresholds_passed INTEGER;
  ALTER TABLE runs ADD COLUMN ttfb_histogram TEXT;
  ALTER TABLE runs ADD COLUMN raw_latency_histogram TEXT;
  UPDATE runs SET
    thresholds_json = (SELECT json_group_array(json_extract(value, '$.expression')) FROM json_each(report_json, '$.thresholds')),
    thresholds_passed = (SELECT min(json_extract(value, '$.passed')) FROM json_each(report_json, '$.thresholds'));
  `,
  // 3: reports kept deflated (zlib): a run's series is most of its report, and deflated it takes about
  // a fifth of the disk. A run stored before keeps its text in report_json; a new one leaves that ''.
  `
  ALTER TABLE runs ADD COLUMN report_deflated BLOB;
  `
]

export const SCHEMA_VERSION = MIGRATIONS.length

export function schemaVersion(database: Database): number {
  return (database.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
}

/** Brings a database of an older version (0: a new file) up to SCHEMA_VERSION, in one transaction. */
export function migrate(database: Database): void {
  inTransaction(database, () => {
    // Read inside the write lock: another process cannot migrate the same file in between.
    const from = schemaVersion(database)
    for (let version = from; version < SCHEMA_VERSION; version++) database.exec(MIGRATIONS[version])
    if (from < SCHEMA_VERSION) database.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`)
  })
}
