import { MAX_RUNS_LIMITS } from '../../shared/run-history'
import type { Database } from './sqlite'

/** The history's own settings, kept in its file so they travel with it. */
export class SettingsTable {
  constructor(private readonly database: Database) {}

  maxRuns(): number {
    const row = this.database.prepare("SELECT value FROM settings WHERE key = 'maxRuns'").get() as { value: string } | undefined
    const stored = Number(row?.value)
    // A value edited by hand outside the limits is ignored rather than trusted.
    return Number.isInteger(stored) && stored >= MAX_RUNS_LIMITS.min && stored <= MAX_RUNS_LIMITS.max ? stored : MAX_RUNS_LIMITS.default
  }

  setMaxRuns(count: number): void {
    this.database
      .prepare("INSERT INTO settings (key, value) VALUES ('maxRuns', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(String(count))
  }
}
