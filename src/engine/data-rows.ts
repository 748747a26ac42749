import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse'
import { DATA_CSV_OPTIONS, type FlowData } from '../shared/flow/flow-plan'
import { onStripe, type RowStripe } from '../shared/flow/row-stripe'

/**
 * This engine's rows of a flow's data file: only those on its stripe (../shared/flow/row-stripe.ts),
 * read by a streaming parse, and kept packed: each row's cells as one UTF-8 run in 4 MB chunks,
 * with eight bytes per row to find it, so a million rows cost their bytes and four more each, not a million
 * objects. A row is unpacked when an iteration takes it.
 */
export class DataRows {
  /** Filled one after the other; a row never spans two, so a chunk is never copied as the rows grow. */
  private readonly chunks: Buffer[] = [Buffer.allocUnsafe(CHUNK_BYTES)]
  private used = 0
  /** Per row: its chunk, and where in it it ends (it starts where the row before it ended, or at 0). */
  private chunkOf = new Uint32Array(1024)
  private endOf = new Uint32Array(1024)
  /** Rows kept. */
  count = 0

  /** Writes row `index`'s cells into `values` at `slots` (the data columns' slots, in column order). */
  fill(index: number, values: Array<string | undefined>, slots: readonly number[]): void {
    const chunk = this.chunkOf[index]
    const start = index > 0 && this.chunkOf[index - 1] === chunk ? this.endOf[index - 1] : 0
    const cells = this.chunks[chunk].toString('utf8', start, this.endOf[index]).split(CELL_SEPARATOR)
    for (let i = 0; i < slots.length; i++) values[slots[i]] = cells[i] ?? ''
  }

  add(cells: readonly string[]): void {
    const text = cells.join(CELL_SEPARATOR)
    const bytes = Buffer.byteLength(text)
    let chunk = this.chunks[this.chunks.length - 1]
    if (this.used + bytes > chunk.length) {
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes))
      this.chunks.push(chunk)
      this.used = 0
    }
    this.used += chunk.write(text, this.used)
    if (this.count === this.endOf.length) {
      this.chunkOf = grown(this.chunkOf)
      this.endOf = grown(this.endOf)
    }
    this.chunkOf[this.count] = this.chunks.length - 1
    this.endOf[this.count++] = this.used
  }
}

const CHUNK_BYTES = 4 * 1024 * 1024

function grown(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2)
  bigger.set(array)
  return bigger
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
