import { basename } from 'node:path'
import type { ExportReply, ImportTestReply } from '../shared/ipc'
import { checkTestDefinition } from '../shared/saved-test'
import { parseTestFile, TEST_FILE_MAX_BYTES, testFileFormatOf, testFileText } from '../shared/test-file'
import { dataFileReader } from '../control/data-file'
import type { FileDestinations, FileFilter } from './file-destinations'
import { refuseExtraArguments, type RequestHandlers } from './request-handlers'

/** Test files in and out through main's dialogs: the page names no path, only the user does. */
export type TestFileHandlers = Pick<RequestHandlers, 'exportTestFile' | 'importTestFile'>

/** YAML first: the format a person reads and reviews in a pull request. */
const FILTERS: FileFilter[] = [
  { name: 'YAML test file', extensions: ['yaml', 'yml'] },
  { name: 'JSON test file', extensions: ['json'] }
]

export function createTestFileHandlers(destinations: FileDestinations): TestFileHandlers {
  return {
    exportTestFile: async (test: unknown, ...extra: unknown[]): Promise<ExportReply> => {
      refuseExtraArguments('exportTestFile', 1, extra)
      const check = checkTestDefinition(test)
      if (!check.ok) {
        // The plan's first problem says more than "the plan is not valid".
        const problem = Object.values(check.errors ?? {})[0] ?? check.message
        return { ok: false, message: `The test was not exported: ${problem}` }
      }
      const path = await destinations.chooseSavePath(testFileName(check.test.name), FILTERS)
      if (path === undefined) return { ok: true }
      try {
        await destinations.writeFile(path, testFileText(check.test, testFileFormatOf(path)))
      } catch (error) {
        return { ok: false, message: `${basename(path)} could not be written: ${(error as Error).message}` }
      }
      return { ok: true, saved: path }
    },
    importTestFile: async (...extra: unknown[]): Promise<ImportTestReply> => {
      refuseExtraArguments('importTestFile', 0, extra)
      const path = await destinations.chooseOpenPath(FILTERS)
      if (path === undefined) return { ok: true }
      let text: string
      try {
        text = await destinations.readFile(path, TEST_FILE_MAX_BYTES)
      } catch (error) {
        return { ok: false, message: `${basename(path)} could not be read: ${(error as Error).message}` }
      }
      const read = parseTestFile(text, basename(path), { readData: dataFileReader(path) })
      return read.ok ? { ok: true, test: read.test, file: path } : read
    }
  }
}

/** `checkout.stampede.yaml` for a test named "Checkout": the name, in a form every file system takes. */
export function testFileName(testName: string): string {
  const stem = testName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${stem || 'test'}.stampede.yaml`
}
