import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unchangedSinceCleanClose } from '../../../src/control/history/clean-close'
import { HISTORY_FILE_NAME, HistoryStore } from '../../../src/control/history/history-store'
import { appRun, sqliteMissing } from '../../support/history-runs'

// The history's full check (PRAGMA quick_check, every page read) runs as it opens only when the
// file may have changed since Stampede last closed it cleanly: on a normal start it is off main's
// start-up path. Proved by damage the check would find and the skipped check does not.
let folder: string
let path: string
const stores: HistoryStore[] = []
const NOW = new Date('2026-11-29T05:30:12.345Z')

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-clean-close-'))
  path = join(folder, HISTORY_FILE_NAME)
})
afterEach(() => {
  for (const store of stores.splice(0)) store.close()
  rmSync(folder, { recursive: true, force: true })
})

function openStore(): HistoryStore {
  const store = HistoryStore.open(folder, { now: () => NOW })
  stores.push(store)
  return store
}

/** A closed history of 40 runs with its middle pages overwritten, the file's size and time kept. */
function damagedInTheMiddle(options: { keepTime: boolean }): void {
  const store = HistoryStore.open(folder)
  for (let index = 0; index < 40; index++) store.storeRun(appRun({ points: 60 }))
  store.close()
  const { size, atimeMs, mtimeMs } = statSync(path)
  const file = openSync(path, 'r+')
  writeSync(file, Buffer.alloc(4 * 4096, 0xa5), 0, 4 * 4096, Math.floor(size / 2 / 4096) * 4096)
  closeSync(file)
  // In seconds, not as Dates: a Date would round the time to the millisecond.
  if (options.keepTime) utimesSync(path, atimeMs / 1000, mtimeMs / 1000)
}

const setAside = (): string[] => readdirSync(folder).filter((name) => name.includes('.corrupt-'))

describe.skipIf(sqliteMissing)('the check of the history file as it opens', () => {
  it('is skipped for a file as Stampede closed it, and a fault met later has the next start check it', () => {
    damagedInTheMiddle({ keepTime: true })
    expect(unchangedSinceCleanClose(path)).toBe(true)
    const store = openStore()
    // Not checked: the damage is not seen at the start.
    expect(store.status()).toMatchObject({ available: true })
    expect(setAside()).toEqual([])
    // Reading every run meets it: SQLite reports the damage, and the file is no longer trusted.
    expect(() => {
      for (const { id } of store.listRuns()) store.getRun(id)
    }).toThrow(/damaged/)
    store.close()
    expect(unchangedSinceCleanClose(path)).toBe(false)
    const next = openStore()
    expect(setAside()).toHaveLength(1)
    expect(next.status().message).toContain('damaged')
  })

  it('runs for a file changed since (its time or size differ), and sets a damaged one aside', () => {
    damagedInTheMiddle({ keepTime: false })
    const before = readFileSync(path)
    const store = openStore()
    expect(setAside()).toHaveLength(1)
    expect(readFileSync(join(folder, setAside()[0])).equals(before)).toBe(true)
    expect(store.status()).toMatchObject({ available: true, runCount: 0 })
  })

  it('runs after a session that did not close the file (a crash leaves its write-ahead log)', () => {
    const first = openStore()
    first.storeRun(appRun())
    expect(unchangedSinceCleanClose(path)).toBe(false)
    first.close()
    expect(unchangedSinceCleanClose(path)).toBe(true)
  })
})
