import { statSync } from 'node:fs'
import { join } from 'node:path'
import { forgetCleanClose, recordCleanClose } from './clean-close'
import type { HistoryStatus, RunRecordSummary, StoredRun } from '../../shared/run-history'
import { MAX_RUNS_LIMITS } from '../../shared/run-history'
import type { SavedTest, TestDefinition } from '../../shared/saved-test'
import { TEST_NAME_MAX_LENGTH, unusedTestName } from '../../shared/test-name'
import { openHistoryFile } from './history-file'
import { RunsTable, type RunHistograms, type RunToStore } from './runs-table'
import { SettingsTable } from './settings-table'
import { inTransaction, sqliteFault, type Database } from './sqlite'
import { TestsTable } from './tests-table'

export const HISTORY_FILE_NAME = 'history.sqlite'
/** Long enough for another connection's write to finish; short, as main waits for it (node:sqlite is synchronous). */
const DEFAULT_BUSY_TIMEOUT_MS = 2_000

export interface HistoryStoreOptions {
  /** How long a statement waits for another program's lock before the file is called locked. */
  busyTimeoutMs?: number
  now?: () => Date
}

/** A run to keep, filed under the saved test with `testId` when that test still exists. */
export type NewRun = Omit<RunToStore, 'test'> & { testId: number | null }

interface Tables {
  database: Database
  tests: TestsTable
  runs: RunsTable
  settings: SettingsTable
}

/**
 * Saved tests and the run history in one SQLite file in the data folder (node:sqlite). Never throws
 * on opening: when the file cannot be used, `status()` says why and every change is refused with that
 * reason, while runs go on without being kept. Reads answer empty then.
 */
export class HistoryStore {
  /** The fault met by the latest change, until a change succeeds again. */
  private faultMessage: string | undefined

  private constructor(
    readonly location: string,
    private readonly tables: Tables | undefined,
    /** What opening found (a damaged file set aside, a locked or newer one): for the whole session. */
    private readonly openingMessage: string | undefined
  ) {}

  static open(dataFolder: string, options: HistoryStoreOptions = {}): HistoryStore {
    const location = join(dataFolder, HISTORY_FILE_NAME)
    const now = options.now ?? (() => new Date())
    const opened = openHistoryFile(location, { busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, now })
    const tables = opened.database && {
      database: opened.database,
      tests: new TestsTable(opened.database, now),
      runs: new RunsTable(opened.database),
      settings: new SettingsTable(opened.database)
    }
    return new HistoryStore(location, tables, opened.message)
  }

  get available(): boolean {
    return this.tables !== undefined
  }

  /** Never throws: a file that cannot be read now shows as empty, with why. */
  status(): HistoryStatus {
    let counts: { runCount: number; maxRuns: number } | undefined
    try {
      counts = this.read((tables) => ({ runCount: tables.runs.count(), maxRuns: tables.settings.maxRuns() }))
    } catch {
      // reported() has put the reason in faultMessage.
    }
    const message = [this.openingMessage, this.faultMessage].filter(Boolean).join(' ')
    return {
      available: this.available,
      ...(message ? { message } : {}),
      runCount: counts?.runCount ?? 0,
      maxRuns: counts?.maxRuns ?? MAX_RUNS_LIMITS.default,
      sizeBytes: this.tables ? sizeOnDisk(this.location) : 0,
      location: this.location
    }
  }

  listTests(): SavedTest[] {
    return this.read((tables) => tables.tests.list()) ?? []
  }

  getTest(id: number): SavedTest | undefined {
    return this.read((tables) => tables.tests.get(id))
  }

  /** A new test, or (with `id`) the test with that id replaced; undefined when there is no such test. */
  saveTest(test: TestDefinition, id?: number): SavedTest | undefined {
    return this.change((tables) => (id === undefined ? tables.tests.create(test) : tables.tests.replace(id, test)))
  }

  /** A copy under "<name> (copy)" ("(copy) (2)"… when taken), without its runs or baseline; undefined when there is no such test. */
  duplicateTest(id: number): SavedTest | undefined {
    return this.change((tables) => {
      const original = tables.tests.get(id)
      if (!original) return undefined
      const suffix = ' (copy)'
      const copyName = original.name.slice(0, TEST_NAME_MAX_LENGTH - suffix.length) + suffix
      const name = unusedTestName(copyName, tables.tests.list().map((test) => test.name))
      return tables.tests.create({ name, plan: original.plan, thresholds: original.thresholds })
    })
  }

  deleteTest(id: number): boolean {
    return this.change((tables) => tables.tests.delete(id))
  }

  /** Keeps a run, then deletes the earliest beyond the limit (baselines stay), in one transaction. */
  storeRun(run: NewRun): RunRecordSummary {
    return this.change((tables) => {
      const { testId, ...rest } = run
      const test = testId === null ? undefined : tables.tests.get(testId)
      const id = tables.runs.insert({ ...rest, test: test ? { id: test.id, name: test.name } : null })
      tables.runs.prune(tables.settings.maxRuns())
      // The limit is at least 1 and the newest run is never the earliest: it is still there.
      return tables.runs.summary(id)!
    })
  }

  listRuns(testId?: number): RunRecordSummary[] {
    return this.read((tables) => tables.runs.list(testId)) ?? []
  }

  getRun(id: number): StoredRun | undefined {
    return this.read((tables) => tables.runs.get(id))
  }

  /** The stored report's text, as written: what getRun parses. */
  reportText(id: number): string | undefined {
    return this.read((tables) => tables.runs.reportText(id))
  }

  runHistograms(id: number): RunHistograms | undefined {
    return this.read((tables) => tables.runs.histograms(id))
  }

  deleteRun(id: number): boolean {
    return this.change((tables) => tables.runs.delete(id))
  }

  /** Why a run cannot be the test's baseline, or undefined once it is (runId null clears it). */
  setBaseline(testId: number, runId: number | null): string | undefined {
    return this.change((tables) => {
      if (!tables.tests.get(testId)) return 'There is no saved test with that id.'
      if (runId !== null) {
        const filedUnder = tables.runs.testOf(runId)
        if (filedUnder === undefined) return 'There is no stored run with that id.'
        if (filedUnder !== testId) return 'Only a run of this test can be its baseline.'
      }
      tables.tests.setBaseline(testId, runId)
      return undefined
    })
  }

  /** Sets how many runs are kept and deletes the earliest beyond it at once. */
  setMaxRuns(count: number): void {
    this.change((tables) => {
      tables.settings.setMaxRuns(count)
      tables.runs.prune(count)
    })
  }

  close(): void {
    if (!this.tables?.database.isOpen) return
    this.tables.database.close()
    // Only a file that met no fault this session is trusted unchecked at the next start.
    if (this.faultMessage === undefined) recordCleanClose(this.location)
  }

  private read<T>(work: (tables: Tables) => T): T | undefined {
    if (!this.tables) return undefined
    return this.reported(() => work(this.tables!))
  }

  private change<T>(work: (tables: Tables) => T): T {
    const tables = this.tables
    if (!tables) throw new Error(this.openingMessage ?? 'The run history is not available.')
    const result = this.reported(() => inTransaction(tables.database, () => work(tables)))
    this.faultMessage = undefined
    return result
  }

  /** A fault met after opening is told to the user, in the status and in the refusal. */
  private reported<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      const fault = sqliteFault(error)
      if (fault === 'corrupt') forgetCleanClose(this.location)
      this.faultMessage =
        fault === 'busy'
          ? `The run history (${this.location}) is in use by another program: the latest change was not kept.`
          : fault === 'corrupt'
            ? `The run history (${this.location}) is damaged: it will be set aside and a new one started when Stampede next starts.`
            : `The run history (${this.location}) failed: ${(error as Error).message}`
      throw new Error(this.faultMessage, { cause: error })
    }
  }
}

/** The database file and its journals (write-ahead log or rollback journal), in bytes. */
export function sizeOnDisk(location: string): number {
  let total = 0
  for (const path of [location, `${location}-wal`, `${location}-journal`]) {
    total += statSync(path, { throwIfNoEntry: false })?.size ?? 0
  }
  return total
}
