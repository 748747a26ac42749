import { readFileSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { DataFileRead } from '../shared/test-file'
import { DATA_CSV_OPTIONS } from '../shared/flow/flow-plan'

/**
 * A flow's data file looked at before anything is sent: CSV with a header row, or JSON (an array
 * of objects, by the name's extension). Every row is parsed once here, and dropped as soon as it is
 * counted (csv-parse's on_record), so a file of a million rows costs its text, not its records. The
 * engines read their own stripe of rows again at the start of the run (src/engine/data-rows.ts).
 */

/** Past this a data file is not one a test means (a string in V8 cannot hold much more). */
export const DATA_FILE_MAX_BYTES = 256 * 1024 * 1024

/** `data.file` as written, relative to the test file's folder unless absolute. */
export function dataFilePath(file: string, testFilePath: string): string {
  return isAbsolute(file) ? file : resolve(dirname(testFilePath), file)
}

/** A reader for parseTestFile's readData: data files relative to the test file at `testFilePath`. */
export function dataFileReader(testFilePath: string): (file: string) => DataFileRead {
  return (file) => inspectDataFile(dataFilePath(file, testFilePath), file)
}

/** The columns and rows of the file at `path`, or why it cannot be used; `shownAs` names it in messages. */
export function inspectDataFile(path: string, shownAs: string = basename(path)): DataFileRead {
  let text: string
  try {
    const { size } = statSync(path)
    if (size > DATA_FILE_MAX_BYTES) return { ok: false, message: `${shownAs} is ${Math.round(size / 1e6)} MB; a data file can be at most 256 MB.` }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { ok: false, message: `cannot read the data file ${shownAs}: ${code === 'ENOENT' ? 'there is no such file' : (code ?? (error as Error).message)}.` }
  }
  if (text.trim() === '') return { ok: false, message: `${shownAs}: the data file is empty.` }
  const read = /\.json$/i.test(path) ? inspectJson(text, shownAs) : inspectCsv(text, shownAs)
  return read.ok ? { ...read, path } : read
}


function inspectCsv(text: string, shownAs: string): DataFileRead {
  let columns: string[] | undefined
  let rows = 0
  try {
    parse(text, {
      ...DATA_CSV_OPTIONS,
      on_record: (record: string[]) => {
        if (columns === undefined) columns = record
        else rows++
        return null
      }
    })
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    const message = (error as Error).message.replace(/\s*(at|on) line \d+\.?$/, '')
    return { ok: false, message: `${shownAs}${lines === undefined ? '' : `, line ${lines}`}: ${message}.` }
  }
  if (!columns) return { ok: false, message: `${shownAs}: the data file is empty.` }
  const problem = columnProblem(columns)
  if (problem) return { ok: false, message: `${shownAs}, line 1: ${problem}` }
  if (rows === 0) return { ok: false, message: `${shownAs}: the data file has a header row and no rows under it.` }
  return { ok: true, path: '', columns, rows }
}

function inspectJson(text: string, shownAs: string): DataFileRead {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined
    return { ok: false, message: `${shownAs}${line === undefined ? '' : `, line ${line}`}: not valid JSON (${(error as Error).message}).` }
  }
  if (!Array.isArray(value)) return { ok: false, message: `${shownAs}: a JSON data file is a list of objects, [{"user": "a"}, ...].` }
  if (value.length === 0) return { ok: false, message: `${shownAs}: the data file's list is empty.` }
  const columns = new Set<string>()
  for (const [index, row] of value.entries()) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return { ok: false, message: `${shownAs}: item ${index + 1} of the list is not an object of column: value.` }
    }
    for (const [key, cell] of Object.entries(row)) {
      if (typeof cell === 'object' && cell !== null) {
        return { ok: false, message: `${shownAs}: item ${index + 1}'s ${key} is not text, a number or true/false.` }
      }
      columns.add(key)
    }
  }
  const problem = columnProblem([...columns])
  if (problem) return { ok: false, message: `${shownAs}: ${problem}` }
  return { ok: true, path: '', columns: [...columns], rows: value.length }
}

function columnProblem(columns: readonly string[]): string | undefined {
  const bad = columns.find((column) => !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(column))
  if (bad !== undefined) return `the column "${bad}" is not a variable name: use letters, digits, _ . and -, starting with a letter.`
  const seen = new Set<string>()
  for (const column of columns) {
    if (seen.has(column)) return `the column ${column} is given twice.`
    seen.add(column)
  }
  return undefined
}
