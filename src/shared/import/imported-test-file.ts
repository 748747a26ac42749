import { fillVariables } from '../flow/compile-flow'
import { checkTestDefinition, type TestCheck } from '../saved-test'
import { testFileText } from '../test-file'
import type { ImportedTest } from './imported-test'

/**
 * An imported test as a saved test and a test file, version 2, judged by the one check every test
 * passes (checkTestDefinition: the plan's schema and compileFlow), so an import never writes a
 * file that `stampede run` would refuse. Its load is one virtual user for one iteration: the first
 * run of an import proves the journey replays; the load is then the user's to choose.
 */
export const IMPORTED_LOAD = { concurrency: 1, iterations: 1 } as const

export function importedTestDefinition(imported: ImportedTest): TestCheck {
  const { flow } = imported
  const first = flow.steps.find((step) => !step.disabled) ?? flow.steps[0]
  const plan = {
    ...IMPORTED_LOAD,
    // A flow's url and method are its first step's, for display (src/shared/run-plan.ts).
    url: first ? fillVariables(first.url, flow.variables) : '',
    method: first?.method ?? 'GET',
    flow
  }
  return checkTestDefinition({ name: imported.name, plan, thresholds: [] })
}

/** The test file's text, or why the imported test is not a valid test (a message for the user). */
export function importedTestFileText(imported: ImportedTest): { ok: true; text: string } | { ok: false; message: string } {
  const check = importedTestDefinition(imported)
  if (!check.ok) return { ok: false, message: Object.values(check.errors ?? {})[0] ?? check.message }
  return { ok: true, text: testFileText(check.test, 'yaml') }
}
