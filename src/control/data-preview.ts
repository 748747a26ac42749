import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { DATA_CSV_OPTIONS } from '../shared/flow/flow-plan'

/**
 * The first rows of a data file, by column: the window's preview and Try once's row. Read as the
 * engines read it (CSV with a header row, csv-parse's options from ./data-file.ts; or a JSON list of
 * objects); only the rows asked for are parsed.
 */
export function firstDataRows(path: string, count: number): Array<Record<string, string>> {
  const text = readFileSync(path, 'utf8')
  if (/\.json$/i.test(path)) {
    const rows = JSON.parse(text.replace(/^\uFEFF/, '')) as Array<Record<string, unknown>>
    return rows.slice(0, count).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, cellText(value)])))
  }
  const [columns = [], ...rows] = parse(text, { ...DATA_CSV_OPTIONS, to_line: count + 1 }) as string[][]
  return rows.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index] ?? ''])))
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : String(value)
}
