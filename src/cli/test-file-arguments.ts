import type { RunPlan } from '../shared/run-plan'
import type { TestDefinition } from '../shared/saved-test'
import { FILE_KEY_OF_PLAN_FIELD, keyPathText, parseTestFile } from '../shared/test-file'
import type { PlanField } from '../shared/validation'
import { dataFileReader } from '../control/data-file'

/**
 * `stampede run FILE [flags]`: the test a test file describes (src/shared/test-file.ts), with each
 * flag given replacing its one field. -H replaces the file's headers of the same name and adds the
 * others; --threshold, when given, replaces the file's thresholds.
 */

export const RUN_SUBCOMMAND = 'run'

export type TestFileArgument = { ok: true; file: string; test: TestDefinition } | { ok: false; message: string }

/** `run`'s positionals (after the word run): one file, read and judged before anything starts. */
export function readTestFileArgument(
  positionals: string[],
  demo: boolean,
  readTestFile: (path: string) => string
): TestFileArgument {
  if (demo) return { ok: false, message: 'run FILE tests the URL in the file: leave out --demo.' }
  if (positionals.length === 0) return { ok: false, message: 'Give the test file to run, such as stampede run checkout.stampede.yaml.' }
  if (positionals.length > 1) {
    return { ok: false, message: `Give one test file, not ${positionals.length}: ${positionals.join(' ')}.` }
  }
  const [file] = positionals
  let text: string
  try {
    text = readTestFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { ok: false, message: `run: cannot read ${file}: ${code ?? (error as Error).message}${code ? '.' : ''}` }
  }
  const read = parseTestFile(text, file, { readData: dataFileReader(file) })
  return read.ok ? { ok: true, file, test: read.test } : read
}

/** The file's headers with those named by -H replaced (names compared as HTTP does, ignoring case), the rest added. */
export function headersWithFlags(fromFile: RunPlan['headers'], fromFlags: RunPlan['headers']): RunPlan['headers'] {
  const replaced = new Set(fromFlags.map(([name]) => name.toLowerCase()))
  return [...fromFile.filter(([name]) => !replaced.has(name.toLowerCase())), ...fromFlags]
}

/** How a message names a field the file set: `checkout.yaml (load.connections)`. */
export function fileFieldName(file: string, field: PlanField): string {
  return `${file} (${keyPathText(FILE_KEY_OF_PLAN_FIELD[field])})`
}
