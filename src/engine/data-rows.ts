import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse'
import { DATA_CSV_OPTIONS, type FlowData } from '../shared/flow/flow-plan'
import { onStripe, type RowStripe } from '../shared/flow/row-stripe'

/**
 * This engine's rows of a flow's data file: only those on its stripe (../shared/flow/row-stripe.ts),
 * read by a streaming parse, and kept packed: each row's cells as one UTF-8 run in a growing buffer,
 * with an offset per row, so a million rows cost their bytes and four more each, not a million
 * objects. A row is unpacked when an iteration takes it.
 */
export class DataRows {
  private buffer = Buffer.alloc(64 * 1024)
  private used = 0
  private offsets = new Uint32Array(1024)
  /** Rows kept. */
  count = 0

  /** Writes row `index`'s cells into `values` at `slots` (the data columns' slots, in column order). */
  fill(index: number, values: Array<string | undefined>, slots: readonly number[]): void {
    const start = index === 0 ? 0 : this.offsets[index - 1]
    const cells = this.buffer.toString('utf8', start, this.offsets[index]).split(CELL_SEPARATOR)
    for (let i = 0; i < slots.length; i++) values[slots[i]] = cells[i] ?? ''
  }

  add(cells: readonly string[]): void {
    const text = cells.join(CELL_SEPARATOR)
    const bytes = Buffer.byteLength(text)
    if (this.used + bytes > this.buffer.length) {
      const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.used + bytes))
      this.buffer.copy(grown, 0, 0, this.used)
      this.buffer = grown
    }
    this.used += this.buffer.write(text, this.used)
    if (this.count === this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    this.offsets[this.count++] = this.used
  }
}

/** A cell never holds NUL in text a test means; it separates cells in the packed row. */
const CELL_SEPARATOR = '\u0000'

/** Reads the rows on `stripe` of the data file; rejects with the parser's words when the file changed since it was looked at. */
export async function loadDataRows(data: FlowData, stripe: RowStripe): Promise<DataRows> {
  const rows = new DataRows()
  if (/\.json$/i.test(data.file)) {
    const list = JSON.parse((await readFile(data.file, 'utf8')).replace(/^\uFEFF/, '')) as Array<Record<string, unknown>>
    list.forEach((row, index) => {
      if (onStripe(index, stripe)) rows.add(data.columns.map((column) => (row[column] === undefined || row[column] === null ? '' : String(row[column]))))
    })
    return rows
  }
  let index = -1
  const parser = createReadStream(data.file).pipe(parse({ ...DATA_CSV_OPTIONS }))
  for await (const record of parser as AsyncIterable<string[]>) {
    // The header row first: the columns the plan names, in its order.
    if (index >= 0 && onStripe(index, stripe)) rows.add(record)
    index++
  }
  return rows
}
