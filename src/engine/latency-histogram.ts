// Deep imports on purpose: the package's index also loads its WebAssembly build, about 15 MB of
// memory in every process that imports it, for a build Stampede never uses.
import type { JsHistogram } from 'hdr-histogram-js/dist/JsHistogram'
import Int32Histogram from 'hdr-histogram-js/dist/Int32Histogram'
import { decompress, doDecode } from 'hdr-histogram-js/dist/JsHistogram.encoding'
import { EMPTY_LATENCY, type LatencySummary } from '../shared/run-snapshot'

/**
 * Latency lives in an HdrHistogram in microseconds, 3 significant digits: fixed memory whatever the
 * request count, and the encoded form merges exactly across engine processes.
 */
export type LatencyHistogram = JsHistogram

/** `highestTrackableValue` only sizes it to begin with: it grows to whatever latency arrives. */
export function createLatencyHistogram(highestTrackableValue = 2): LatencyHistogram {
  // The pure JS build (the WebAssembly one needs an async init and buys nothing at one record per
  // response).
  const histogram = new Int32Histogram(1, highestTrackableValue, 3)
  histogram.autoResize = true
  return histogram
}

const MICROS_PER_MS = 1000
const PERCENTILES = [50, 90, 99, 99.9, 99.99, 100] as const

/**
 * min, mean and the percentiles in one walk over the counts. The library's own getters walk the
 * whole array once each (six times per snapshot, ten snapshots a second), which showed up in the
 * engine's profile; the figures are the same as getValueAtPercentile's and mean's.
 */
export function summarizeInMs(histogram: LatencyHistogram): LatencySummary {
  const total = histogram.totalCount
  if (total === 0) return EMPTY_LATENCY
  const counts = histogram
  const targets = PERCENTILES.map((percentile) => countAtPercentile(percentile, total))
  const values: number[] = []
  let seen = 0
  let sum = 0
  for (let index = 0; index < counts.countsArrayLength && seen < total; index++) {
    const count = counts.getCountAtIndex(index)
    if (count === 0) continue
    const value = counts.valueFromIndex(index)
    seen += count
    sum += counts.medianEquivalentValue(value) * count
    while (values.length < targets.length && seen >= targets[values.length]) {
      values.push(counts.highestEquivalentValue(value))
    }
  }
  const ms = (micros: number): number => Math.round(micros) / MICROS_PER_MS
  const [p50, p90, p99, p999, p9999, max] = values.map(ms)
  // max is the top bucket's upper edge, as the percentiles report theirs, so it is never below p99.
  return { min: ms(histogram.minNonZeroValue), mean: ms(sum / total), p50, p90, p99, p999, p9999, max }
}

/** The count a percentile must reach, rounded up as HdrHistogram does (ulp guards the float math). */
function countAtPercentile(percentile: number, total: number): number {
  const exact = (percentile / 100) * total
  const ulp = 2 ** (Math.floor(Math.log2(exact)) - 52)
  return Math.max(Math.ceil(exact - ulp), 1)
}

/** Compressed base64, HdrHistogram's portable encoding (V2), as every HdrHistogram library reads it. */
export function encodeHistogram(histogram: LatencyHistogram): string {
  return histogram.encodeIntoCompressedBase64()
}

export function decodeHistogram(encoded: string): LatencyHistogram {
  return doDecode(decompress(Buffer.from(encoded, 'base64')))
}
