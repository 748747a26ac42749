import { typedDurationMs, durationText } from '../typed-seconds'
import type { ThinkTime } from './flow-definition'

/** The short texts of a step in a file: a think time (`500ms`, `1s-3s`) and a body limit (`1MB`). */

export function parseThink(text: string): ThinkTime | undefined {
  const [low, high, extra] = text.split('-').map((part) => part.trim())
  if (extra !== undefined) return undefined
  const minMs = typedDurationMs(low)
  const maxMs = high === undefined ? minMs : typedDurationMs(high)
  if (Number.isNaN(minMs) || Number.isNaN(maxMs) || minMs > maxMs) return undefined
  return { minMs, maxMs }
}

export function thinkText({ minMs, maxMs }: ThinkTime): string {
  return minMs === maxMs ? durationText(minMs) : `${durationText(minMs)}-${durationText(maxMs)}`
}

const BYTE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024, gb: 1024 * 1024 * 1024 }

/** `1MB`, `512kB`, `100 KB` or a number of bytes; 1 kB is 1024 bytes here, as a limit reads best round. */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?b)$/i.exec(value.trim())
  if (!match) return undefined
  return Math.round(Number(match[1]) * BYTE_UNITS[match[2].toLowerCase()])
}

export function byteSizeText(bytes: number): string {
  for (const unit of ['GB', 'MB', 'kB'] as const) {
    const size = BYTE_UNITS[unit.toLowerCase()]
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`
  }
  return `${bytes}B`
}
