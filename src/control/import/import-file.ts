import { readCurlCommands, looksLikeCurl } from '../../shared/import/curl-commands'
import { parseJsonText, readHarDocument } from '../../shared/import/har-file'
import type { ImportSource } from '../../shared/import/import-source'
import { importPostman, isPostmanCollection, type PostmanSource } from './postman-import'

/**
 * The one reader of a file to import, for the CLI and main alike: the format is told by the
 * content, never the name (a HAR saved as .json, a collection as .txt). A test file is not an
 * import: `test` says so, and the caller reads it as one.
 */
export type ImportFileRead =
  | { ok: true; source: ImportSource }
  | { ok: true; test: true }
  | { ok: false; message: string }

export function readImportText(text: string, fileName: string, environment?: PostmanSource): ImportFileRead {
  const content = text.replace(/^\uFEFF/, '')
  if (content.trim() === '') return { ok: false, message: `${fileName}: the file is empty.` }
  if (looksLikeCurl(content)) {
    const read = readCurlCommands(content)
    if (!read.ok) return { ok: false, message: `${fileName}: ${read.message}` }
    return { ok: true, source: { format: 'curl', fileName, recording: read.recording, notConverted: read.notConverted } }
  }
  if (/^\s*(#.*\n\s*)*(---\s*\n\s*)?["']?stampede["']?\s*:/.test(content)) return { ok: true, test: true }
  if (!/^\s*[{[]/.test(content)) {
    return { ok: false, message: `${fileName}: not a HAR file, a Postman collection, cURL commands or a test file.` }
  }
  const json = parseJsonText(content, fileName)
  if (!json.ok) return json
  const document = json.value as Record<string, unknown> | null
  if (document !== null && typeof document === 'object' && 'stampede' in document) return { ok: true, test: true }
  if (isPostmanCollection(document)) {
    const read = importPostman({ text: content, fileName }, environment)
    return read.ok ? { ok: true, source: { format: 'postman', fileName, imported: read.imported } } : read
  }
  if (document !== null && typeof document === 'object' && 'log' in document) {
    const read = readHarDocument(document, fileName)
    if (!read.ok) return read
    return { ok: true, source: { format: 'har', fileName, recording: read.recording, notConverted: [] } }
  }
  if (document !== null && typeof document === 'object' && (document as { _postman_variable_scope?: unknown })._postman_variable_scope === 'environment') {
    return { ok: false, message: `${fileName}: a Postman environment; import the collection, with this file as its environment.` }
  }
  return { ok: false, message: `${fileName}: JSON, but not a HAR file (no log.entries) nor a Postman collection (no info.schema).` }
}
