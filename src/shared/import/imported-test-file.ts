import { checkTestDefinition } from '../saved-test'
import { testFileText } from '../test-file'
import type { ImportedTest } from './imported-test'
import { importedTestInput } from './imported-test-input'

/**
 * An imported test as a test file, version 2, judged first by the one check every test passes
 * (checkTestDefinition: the plan's schema and compileFlow), so an import never writes a file that
 * `stampede run` would refuse.
 */
export function importedTestFileText(imported: ImportedTest): { ok: true; text: string } | { ok: false; message: string } {
  const check = checkTestDefinition(importedTestInput(imported))
  if (!check.ok) return { ok: false, message: Object.values(check.errors ?? {})[0] ?? check.message }
  return { ok: true, text: testFileText(check.test, 'yaml') }
}
