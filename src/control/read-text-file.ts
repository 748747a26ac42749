import { open } from 'node:fs/promises'
import { readFileSync, statSync } from 'node:fs'

/**
 * A file's text as UTF-8, refused when it is larger than `maxBytes`: a file the user picked by
 * mistake (a video, a disk image) is never read whole into memory.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    if (size > maxBytes) {
      throw new Error(`${path} is ${formatMegabytes(size)}; the most that is read is ${formatMegabytes(maxBytes)}.`)
    }
    return await file.readFile({ encoding: 'utf8' })
  } finally {
    await file.close()
  }
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

/** readTextFile for a caller that cannot wait, such as the CLI reading its arguments. */
export function readTextFileSync(path: string, maxBytes: number): string {
  const size = statSync(path).size
  if (size > maxBytes) {
    throw new Error(`${path} is ${formatMegabytes(size)}; the most that is read is ${formatMegabytes(maxBytes)}.`)
  }
  return readFileSync(path, 'utf8')
}
