import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HISTORY_FILE_NAME, HistoryStore } from '../../../src/control/history/history-store'
import { loadSqlite } from '../../../src/control/history/sqlite'
import { SCHEMA_VERSION } from '../../../src/control/history/migrations'
import { appRun, sqliteMissing } from '../../support/history-runs'

// Opening the history file in every state a user's disk can hold it: made by an older Stampede,
// damaged, held by another program, written by a newer Stampede.
let root: string
let folder: string
let path: string
const closers: Array<() => void> = []

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'stampede-history-file-'))
  folder = root
  path = join(folder, HISTORY_FILE_NAME)
})

afterEach(() => {
  for (const close of closers.splice(0)) close()
  rmSync(root, { recursive: true, force: true })
})

const NOW = new Date('2026-11-29T05:30:12.345Z')
function openStore(busyTimeoutMs = 2_000): HistoryStore {
  const store = HistoryStore.open(folder, { busyTimeoutMs, now: () => NOW })
  closers.push(() => store.close())
  return store
}

/** A connection of the test's own, as another program would hold the file. */
function connect(file = path): DatabaseSync {
  const database = new (loadSqlite()!.DatabaseSync)(file)
  closers.push(() => database.isOpen && database.close())
  return database
}

/** The schema of Stampede's first history, as it wrote it: frozen here, whatever the code does now. */
const VERSION_1 = `
  CREATE TABLE tests (id INTEGER PRIMARY KEY, name TEXT NOT NULL, plan_json TEXT NOT NULL,
    baseline_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE runs (id INTEGER PRIMARY KEY, test_id INTEGER REFERENCES tests(id) ON DELETE SET NULL, test_name TEXT,
    started_at TEXT NOT NULL, outcome TEXT NOT NULL, url TEXT NOT NULL, method TEXT NOT NULL, rps REAL NOT NULL,
    p99_ms REAL NOT NULL, error_rate REAL NOT NULL, source TEXT NOT NULL CHECK (source IN ('app', 'import')),
    report_json TEXT NOT NULL, plan_json TEXT, histogram TEXT);
  CREATE INDEX runs_by_test ON runs (test_id, id);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  PRAGMA user_version = 1;
`

/** What version 2 added to version 1, as it wrote it. */
const VERSION_2_STEP = `
  ALTER TABLE tests ADD COLUMN thresholds_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE runs ADD COLUMN thresholds_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE runs ADD COLUMN thresholds_passed INTEGER;
  ALTER TABLE runs ADD COLUMN ttfb_histogram TEXT;
  ALTER TABLE runs ADD COLUMN raw_latency_histogram TEXT;
  PRAGMA user_version = 2;
`

/** A history with one stored run, closed: a real file to damage. */
function realHistoryFile(): void {
  const store = HistoryStore.open(folder)
  for (let index = 0; index < 20; index++) store.storeRun(appRun())
  store.close()
}

/** The names in the folder other than the history's own files. */
const setAside = (): string[] => readdirSync(folder).filter((name) => name.includes('.corrupt-'))

describe.skipIf(sqliteMissing)('opening the history file', () => {
  it('migrates a file of version 1: its run gets its thresholds back from its report, its test none', () => {
    const old = connect()
    old.exec(VERSION_1)
    const run = appRun()
    old.prepare("INSERT INTO tests (name, plan_json, created_at, updated_at) VALUES ('Old test', ?, 'then', 'then')").run(JSON.stringify(run.plan))
    old
      .prepare(
        `INSERT INTO runs (test_id, test_name, started_at, outcome, url, method, rps, p99_ms, error_rate, source, report_json, plan_json, histogram)
         VALUES (1, 'Old test', ?, 'finished', ?, 'GET', ?, ?, ?, 'app', ?, ?, ?)`
      )
      .run(run.startedAt, run.report.url, run.report.rps, run.report.latencyMs.p99, run.report.errorRate, JSON.stringify(run.report), JSON.stringify(run.plan), run.histograms.histogram!)
    old.close()

    const store = openStore()
    expect(store.status()).toMatchObject({ available: true, runCount: 1 })
    expect(store.status().message).toBeUndefined()
    expect((connect().prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(SCHEMA_VERSION)
    expect(store.listTests()).toMatchObject([{ id: 1, name: 'Old test', thresholds: [], plan: run.plan }])
    expect(store.getRun(1)).toMatchObject({ testId: 1, thresholds: ['p99<5ms', 'error_rate<50%'], thresholdsPassed: false, report: run.report })
    expect(store.runHistograms(1)).toEqual({ histogram: run.histograms.histogram })
    // And it takes new runs with every column.
    const next = store.storeRun(appRun({ testId: 1 }))
    expect(store.runHistograms(next.id)).toEqual(appRun().histograms)
  })

  it('migrates a file of version 2: its report text reads back as stored, and new reports are kept deflated', () => {
    const old = connect()
    old.exec(VERSION_1)
    old.exec(VERSION_2_STEP)
    const run = appRun({ points: 600 })
    const text = JSON.stringify(run.report)
    old
      .prepare(
        `INSERT INTO runs (started_at, outcome, url, method, rps, p99_ms, error_rate, source, report_json, thresholds_json)
         VALUES (?, 'finished', ?, 'GET', ?, ?, ?, 'app', ?, '[]')`
      )
      .run(run.startedAt, run.report.url, run.report.rps, run.report.latencyMs.p99, run.report.errorRate, text)
    old.close()

    const store = openStore()
    expect(store.status()).toMatchObject({ available: true, runCount: 1 })
    expect(store.reportText(1)).toBe(text)
    expect(store.getRun(1)?.report).toEqual(run.report)
    const next = store.storeRun(run)
    expect(store.reportText(next.id)).toBe(text)
    // On disk the new report is the deflated text, well under half its size; the old one is untouched.
    const rows = connect().prepare('SELECT id, length(report_json) AS text, length(report_deflated) AS deflated FROM runs ORDER BY id').all()
    expect(rows).toEqual([
      { id: 1, text: text.length, deflated: null },
      { id: next.id, text: 0, deflated: expect.any(Number) }
    ])
    expect((rows[1] as { deflated: number }).deflated).toBeLessThan(text.length / 2)
  })

  it.each([
    ['garbage bytes', () => writeFileSync(path, Buffer.from('not a database, just some bytes '.repeat(64)))],
    [
      'a real history cut short',
      () => {
        realHistoryFile()
        truncateSync(path, Math.floor(readFileSync(path).length / 2))
      }
    ]
  ])('sets %s aside, bytes unchanged, says where, and starts a new history', (_label, damage) => {
    damage()
    const before = readFileSync(path)
    const store = openStore()
    const aside = `${HISTORY_FILE_NAME}.corrupt-2026-11-29T05-30-12-345Z`
    expect(setAside()).toEqual([aside])
    expect(readFileSync(join(folder, aside)).equals(before)).toBe(true)
    const status = store.status()
    expect(status).toMatchObject({ available: true, runCount: 0 })
    expect(status.message).toContain('damaged')
    expect(status.message).toContain(join(folder, aside))
    expect(store.storeRun(appRun()).id).toBe(1)
  })

  it('leaves a file another program holds locked, says so, and keeps nothing this session', () => {
    realHistoryFile()
    const other = connect()
    other.exec('BEGIN EXCLUSIVE')
    other.exec("INSERT INTO settings (key, value) VALUES ('held', 'by another program')")
    const store = openStore(100)
    const status = store.status()
    expect(status).toMatchObject({ available: false, runCount: 0, sizeBytes: 0, location: path })
    expect(status.message).toMatch(/in use by another program/)
    expect(() => store.storeRun(appRun())).toThrow(/in use by another program/)
    expect(store.listRuns()).toEqual([])
    expect(setAside()).toEqual([])
    other.exec('ROLLBACK')
    other.close()
    // Nothing was replaced: the runs are all there for the next start.
    expect(openStore().status()).toMatchObject({ available: true, runCount: 20 })
  })

  it('refuses a change while another program holds the open file, says why, and keeps the next one after', () => {
    const store = openStore(100)
    store.storeRun(appRun())
    const other = connect()
    other.exec('BEGIN EXCLUSIVE')
    other.exec("INSERT INTO settings (key, value) VALUES ('held', 'yes')")
    expect(() => store.storeRun(appRun())).toThrow(/in use by another program: the latest change was not kept/)
    expect(store.status()).toMatchObject({ available: true, message: expect.stringMatching(/in use by another program/) })
    other.exec('ROLLBACK')
    store.storeRun(appRun())
    expect(store.status()).toMatchObject({ available: true, runCount: 2 })
    expect(store.status().message).toBeUndefined()
  })

  it('leaves a file of a newer Stampede as it is, and says so', () => {
    realHistoryFile()
    connect().exec('PRAGMA user_version = 99')
    const before = readFileSync(path)
    const store = openStore()
    expect(store.status()).toMatchObject({ available: false })
    expect(store.status().message).toContain(`newer Stampede (schema 99, this one knows ${SCHEMA_VERSION})`)
    store.close()
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(setAside()).toEqual([])
  })

  it('starts a history in a folder that does not exist yet', () => {
    folder = join(folder, 'new', 'profile')
    const store = openStore()
    expect(store.status()).toMatchObject({ available: true, location: join(folder, HISTORY_FILE_NAME) })
    expect(existsSync(join(folder, HISTORY_FILE_NAME))).toBe(true)
  })
})
