import { buildImport, type ImportOptions } from './build-import'
import type { ImportedTest, NotConverted } from './imported-test'
import type { Recording } from './recording'

/**
 * A file (or a paste) read for import, before the review's choices: a recording (HAR, cURL), which
 * buildImport makes into a test again with each choice, or a test already made (Postman, whose
 * reader needs Node and runs in main or the CLI). What main sends the window to review.
 */
export type ImportFormat = 'har' | 'postman' | 'curl'

export type ImportSource =
  | { format: 'har' | 'curl'; fileName: string; recording: Recording; notConverted: NotConverted[] }
  | { format: 'postman'; fileName: string; imported: ImportedTest }

export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  har: 'HAR recording',
  postman: 'Postman collection',
  curl: 'cURL commands'
}

/** The test the source makes with these choices (a Postman collection has none to make). */
export function importedTestOf(source: ImportSource, options: ImportOptions = {}): ImportedTest {
  if (source.format === 'postman') return source.imported
  const imported = buildImport(source.recording, options)
  imported.findings.notConverted.unshift(...source.notConverted)
  return imported
}
