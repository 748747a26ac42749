import { basename } from 'node:path'
import { dataFileReader } from '../control/data-file'
import { readImportText } from '../control/import/import-file'
import { IMPORT_MAX_BYTES } from '../shared/import/har-file'
import type { ImportTestReply } from '../shared/ipc'
import { parseTestFile, TEST_FILE_MAX_BYTES } from '../shared/test-file'
import type { FileFilter } from './file-destinations'
import { refuseExtraArguments, type RequestHandlers } from './handler-contract'

/**
 * What the window's Import reads, picked in main's dialog or dropped on the window: a test file
 * becomes the test it describes; a HAR, a Postman collection or cURL commands become the source
 * the review screen shows (src/renderer/src/import), read here because Postman's reader needs Node.
 */
export type ImportHandlers = Pick<RequestHandlers, 'importDroppedFile'>

export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Test file, HAR or Postman collection', extensions: ['yaml', 'yml', 'json', 'har', 'txt', 'sh'] },
  { name: 'HAR recording', extensions: ['har'] },
  { name: 'Postman collection', extensions: ['json'] }
]

/** A file's text read for import; `path` when main read it (a test file's data file is found beside it). */
export function testOrImportReply(text: string, fileName: string, path?: string): ImportTestReply {
  const read = readImportText(text, fileName)
  if (!read.ok) return read
  if ('source' in read) return { ok: true, source: read.source, file: path ?? fileName }
  if (text.length > TEST_FILE_MAX_BYTES) return { ok: false, message: `${fileName} is too large for a test file.` }
  const test = parseTestFile(text, fileName, path === undefined ? {} : { readData: dataFileReader(path) })
  return test.ok ? { ok: true, test: test.test, file: path ?? fileName } : test
}

export function createImportHandlers(): ImportHandlers {
  return {
    importDroppedFile: async (fileName: unknown, text: unknown, ...extra: unknown[]): Promise<ImportTestReply> => {
      refuseExtraArguments('importDroppedFile', 2, extra)
      if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 255) {
        return { ok: false, message: 'The dropped file has no name Stampede can use.' }
      }
      const name = basename(fileName)
      if (typeof text !== 'string') return { ok: false, message: `${name} could not be read.` }
      // Characters, not bytes: a UTF-16 length past the byte limit is past it in UTF-8 too.
      if (text.length > IMPORT_MAX_BYTES) return { ok: false, message: `${name} is more than an import reads.` }
      return testOrImportReply(text, name)
    }
  }
}
