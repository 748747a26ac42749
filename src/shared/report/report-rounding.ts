import type { LatencySummary } from '../run-snapshot'

/** How far the report rounds its figures, so every writer and compare read the same digits. */

/** By a figure's kind: µs for latency (the histogram's own resolution), a millionth for rates, a tenth of a req/s. */
export const REPORT_DIGITS = { latency: 3, rate: 6, rps: 1 } as const

/** Every field to the µs: more digits would be noise. */
export function roundEach(latency: LatencySummary): LatencySummary {
  const rounded = { ...latency }
  for (const key of Object.keys(rounded) as Array<keyof LatencySummary>) rounded[key] = round(rounded[key], REPORT_DIGITS.latency)
  return rounded
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
