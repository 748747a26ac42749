import type { StampedeApi } from '../../src/shared/ipc'
import { checkTestDefinition, type SavedTest } from '../../src/shared/saved-test'

/**
 * Main's saved tests, kept in memory with main's contract: saveTest checks the test as main does
 * (checkTestDefinition) and creates or replaces it, listTests answers by name. Records what it was sent.
 */
export class FakeSavedTests {
  readonly tests = new Map<number, SavedTest>()
  readonly saved: unknown[] = []
  private nextId = 1

  /** Puts a test in place as if saved earlier. */
  add(name: string, plan: SavedTest['plan'], thresholds: string[] = []): SavedTest {
    const test = this.stored(this.nextId++, { name, plan, thresholds })
    this.tests.set(test.id, test)
    return test
  }

  /** The api's saved-test requests, to spread into fakeApi(). */
  api(): Pick<StampedeApi, 'listTests' | 'saveTest' | 'duplicateTest' | 'deleteTest'> {
    return {
      listTests: async () => [...this.tests.values()].sort((a, b) => a.name.localeCompare(b.name)),
      saveTest: async (input) => {
        this.saved.push(input)
        const id = (input as { id?: number }).id
        const check = checkTestDefinition(input)
        if (!check.ok) return { ok: false, message: check.message, errors: check.errors }
        if (id !== undefined && !this.tests.has(id)) return { ok: false, message: `No test ${id}.` }
        const test = this.stored(id ?? this.nextId++, check.test)
        this.tests.set(test.id, test)
        return { ok: true, test }
      },
      duplicateTest: async (testId) => {
        const original = this.tests.get(testId as number)
        if (!original) return { ok: false, message: `No test ${String(testId)}.` }
        const copy = this.stored(this.nextId++, { name: `${original.name} (copy)`, plan: original.plan, thresholds: original.thresholds })
        this.tests.set(copy.id, copy)
        return { ok: true, test: copy }
      },
      deleteTest: async (testId) => {
        if (!this.tests.delete(testId as number)) return { ok: false, message: `No test ${String(testId)}.` }
        return { ok: true }
      }
    }
  }

  private stored(id: number, definition: Pick<SavedTest, 'name' | 'plan' | 'thresholds'>): SavedTest {
    const now = new Date(0).toISOString()
    const { name, plan, thresholds } = definition
    return { id, name, plan, thresholds, baselineRunId: null, createdAt: now, updatedAt: now }
  }
}
