import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'

/**
 * What the history file was like when Stampede last closed it cleanly: its size and modification
 * time, kept beside it. A file found just so at the next start has been changed by nothing since,
 * so its full check (PRAGMA quick_check reads every page: 90-460 ms on a 10,000-run history, far
 * more than a frame on main's thread before the first window) is skipped. After a crash (a
 * write-ahead log left), or any change by another program, the file is checked as it opens.
 */
const suffix = '.clean-close'

interface Fingerprint {
  size: number
  mtimeMs: number
}

function fingerprintOf(path: string): Fingerprint {
  const { size, mtimeMs } = statSync(path)
  return { size, mtimeMs: Math.floor(mtimeMs) }
}

/** Whether the file is as Stampede left it when it last closed it cleanly. */
export function unchangedSinceCleanClose(path: string): boolean {
  try {
    if (existsSync(`${path}-wal`)) return false
    const saved = JSON.parse(readFileSync(path + suffix, 'utf8')) as Partial<Fingerprint>
    const now = fingerprintOf(path)
    return saved.size === now.size && saved.mtimeMs === now.mtimeMs
  } catch {
    return false
  }
}

/** Once the database is closed: the file as it is now is the one to trust at the next start. */
export function recordCleanClose(path: string): void {
  try {
    writeFileSync(path + suffix, JSON.stringify(fingerprintOf(path)))
  } catch {
    // Without it the next start checks the whole file: slower, never wrong.
  }
}

/** A fault seen in the file: the next start checks it (and sets it aside) whatever it looks like. */
export function forgetCleanClose(path: string): void {
  rmSync(path + suffix, { force: true })
}
