import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { unchangedSinceCleanClose } from './clean-close'
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrations'
import { loadSqlite, sqliteFault, SQLITE_MISSING, type Database, type SqliteModule } from './sqlite'

/** The history file opened and migrated, or why there is none this session; `message` is for the user either way. */
export type OpenedHistoryFile = { database: Database; message?: string } | { database?: undefined; message: string }

export interface HistoryFileOptions {
  /** How long to wait for another program's lock before calling the file locked. */
  busyTimeoutMs: number
  /** When a damaged file is set aside: its new name carries the time. */
  now: () => Date
}

/** Files SQLite keeps beside the database; they belong to it and move with it. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const

/**
 * Opens the history at `path`. A damaged file is renamed aside (never deleted) and a new one started;
 * a file held by another program, or written by a newer Stampede, is left as it is and the history is
 * unavailable for this session. The caller shows `message`.
 */
export function openHistoryFile(path: string, options: HistoryFileOptions): OpenedHistoryFile {
  const sqlite = loadSqlite()
  if (!sqlite) return { message: SQLITE_MISSING }
  try {
    mkdirSync(dirname(path), { recursive: true })
    return { database: openChecked(sqlite, path, options.busyTimeoutMs) }
  } catch (error) {
    const failure = OpenFailure.of(error)
    if (failure.kind === 'busy') {
      return { message: `The run history (${path}) is in use by another program, so runs are not kept this session: ${failure.message}.` }
    }
    if (failure.kind === 'newer') {
      return { message: `The run history (${path}) was written by a newer Stampede (schema ${failure.message}, this one knows ${SCHEMA_VERSION}); it was left as it is and runs are not kept this session.` }
    }
    if (failure.kind === 'other') return { message: `The run history (${path}) could not be opened: ${failure.message}.` }
    return startAfresh(sqlite, path, failure.message, options)
  }
}

/** A damaged file goes aside with its companions, and a new history starts in its place. */
function startAfresh(sqlite: SqliteModule, path: string, why: string, options: HistoryFileOptions): OpenedHistoryFile {
  const aside = `${path}.corrupt-${options.now().toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, aside)
    // A new database must not find the old one's write-ahead log and replay it.
    for (const suffix of COMPANION_SUFFIXES) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix)
  } catch (error) {
    return { message: `The run history (${path}) is damaged (${why}) and could not be set aside: ${(error as Error).message}. Runs are not kept this session.` }
  }
  const kept = `The run history was damaged (${why}); it was kept as ${aside} and a new history started.`
  try {
    return { database: openChecked(sqlite, path, options.busyTimeoutMs), message: kept }
  } catch (error) {
    return { message: `${kept} The new one could not be opened either: ${OpenFailure.of(error).message}. Runs are not kept this session.` }
  }
}

/**
 * Opens, checks (quick_check reads every page; skipped for a file unchanged since Stampede closed it
 * cleanly: ./clean-close.ts), and migrates; closes the file again on any failure.
 */
function openChecked(sqlite: SqliteModule, path: string, busyTimeoutMs: number): Database {
  const checked = !unchangedSinceCleanClose(path)
  const database = new sqlite.DatabaseSync(path, { timeout: busyTimeoutMs })
  try {
    const rows = checked ? (database.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>) : [{ quick_check: 'ok' }]
    if (rows.length !== 1 || rows[0].quick_check !== 'ok') {
      throw new OpenFailure('corrupt', rows.map((row) => row.quick_check).slice(0, 3).join('; '))
    }
    const version = schemaVersion(database)
    if (version > SCHEMA_VERSION) throw new OpenFailure('newer', String(version))
    // Only a file without tables can take it; it lets pruning give space back to the disk.
    if (version === 0) database.exec('PRAGMA auto_vacuum = INCREMENTAL')
    database.exec('PRAGMA journal_mode = WAL')
    // Takes the write lock: a file another program is writing is found here, not at the first run's end.
    migrate(database)
    return database
  } catch (error) {
    database.close()
    throw error
  }
}

class OpenFailure extends Error {
  constructor(
    readonly kind: 'busy' | 'corrupt' | 'newer' | 'other',
    message: string
  ) {
    super(message)
  }

  static of(error: unknown): OpenFailure {
    if (error instanceof OpenFailure) return error
    const message = (error as { errstr?: string; message?: string })?.errstr ?? (error as Error)?.message ?? String(error)
    const fault = sqliteFault(error)
    return new OpenFailure(fault, message)
  }
}
