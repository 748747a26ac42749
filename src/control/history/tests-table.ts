import type { SavedTest, TestDefinition } from '../../shared/saved-test'
import type { Database } from './sqlite'

interface TestRow {
  id: number
  name: string
  plan_json: string
  thresholds_json: string
  baseline_run_id: number | null
  created_at: string
  updated_at: string
}

const COLUMNS = 'id, name, plan_json, thresholds_json, baseline_run_id, created_at, updated_at'

/** Saved tests. What goes in has passed checkTestDefinition (src/shared/saved-test.ts). */
export class TestsTable {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date
  ) {}

  list(): SavedTest[] {
    const rows = this.database.prepare(`SELECT ${COLUMNS} FROM tests ORDER BY name COLLATE NOCASE, id`).all()
    return (rows as unknown as TestRow[]).map(testOf)
  }

  get(id: number): SavedTest | undefined {
    const row = this.database.prepare(`SELECT ${COLUMNS} FROM tests WHERE id = ?`).get(id)
    return row ? testOf(row as unknown as TestRow) : undefined
  }

  create(test: TestDefinition): SavedTest {
    const at = this.now().toISOString()
    const { lastInsertRowid } = this.database
      .prepare('INSERT INTO tests (name, plan_json, thresholds_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(test.name, JSON.stringify(test.plan), JSON.stringify(test.thresholds), at, at)
    return this.get(Number(lastInsertRowid))!
  }

  /** The test with `id` now holds `test`; undefined when there is no such test. */
  replace(id: number, test: TestDefinition): SavedTest | undefined {
    const { changes } = this.database
      .prepare('UPDATE tests SET name = ?, plan_json = ?, thresholds_json = ?, updated_at = ? WHERE id = ?')
      .run(test.name, JSON.stringify(test.plan), JSON.stringify(test.thresholds), this.now().toISOString(), id)
    return changes === 0 ? undefined : this.get(id)
  }

  /** Its runs stay in the history, filed under no test (the schema sets their test_id to null). */
  delete(id: number): boolean {
    return this.database.prepare('DELETE FROM tests WHERE id = ?').run(id).changes > 0
  }

  setBaseline(id: number, runId: number | null): void {
    this.database.prepare('UPDATE tests SET baseline_run_id = ? WHERE id = ?').run(runId, id)
  }
}

function testOf(row: TestRow): SavedTest {
  return {
    id: row.id,
    name: row.name,
    plan: JSON.parse(row.plan_json),
    thresholds: JSON.parse(row.thresholds_json),
    baselineRunId: row.baseline_run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}
