import { open } from 'node:fs/promises'

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
