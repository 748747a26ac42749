import type { DatabaseSync } from 'node:sqlite'

export type SqliteModule = typeof import('node:sqlite')
export type Database = DatabaseSync

/** Why node:sqlite cannot be used here, or undefined when it can. */
export const SQLITE_MISSING = `The run history needs node:sqlite (Node 22.13 or later); this is Node ${process.versions.node}.`

/**
 * node:sqlite, looked up at run time rather than imported: on a Node without it the history is
 * reported unavailable and everything else still loads (the CLI, tests on an older Node).
 */
export function loadSqlite(): SqliteModule | undefined {
  try {
    return process.getBuiltinModule('node:sqlite')
  } catch {
    return undefined
  }
}

/** SQLite's primary result codes that decide what the history does with a file (sqlite.org/rescode.html). */
const BUSY = 5
const LOCKED = 6
const CORRUPT = 11
const NOT_A_DATABASE = 26

export type SqliteFault = 'busy' | 'corrupt' | 'other'

/** What a thrown error says about the file: another program holds it, it is damaged, or something else. */
export function sqliteFault(error: unknown): SqliteFault {
  const code = (error as { errcode?: unknown } | null)?.errcode
  if (typeof code !== 'number') return 'other'
  // Extended codes (SQLITE_BUSY_RECOVERY, SQLITE_CORRUPT_INDEX, ...) keep the primary code in their low byte.
  const primary = code & 0xff
  if (primary === BUSY || primary === LOCKED) return 'busy'
  if (primary === CORRUPT || primary === NOT_A_DATABASE) return 'corrupt'
  return 'other'
}

/** Runs `work` in one write transaction: all of it is kept, or none. */
export function inTransaction<T>(database: Database, work: () => T): T {
  database.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    database.exec('COMMIT')
    return result
  } catch (error) {
    if (database.isTransaction) database.exec('ROLLBACK')
    throw error
  }
}
