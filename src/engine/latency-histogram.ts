import { build, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js'
import { EMPTY_LATENCY, type LatencySummary } from '../shared/run-snapshot'

/**
 * Latency lives in an HdrHistogram in microseconds, 3 significant digits: fixed memory whatever the
 * request count, and the encoded form merges exactly across engine processes.
 */
export type LatencyHistogram = Histogram

export function createLatencyHistogram(): LatencyHistogram {
  // The pure JS build: WebAssembly needs an async init and buys nothing at one record per response.
  return build({ useWebAssembly: false, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1 })
}

const MICROS_PER_MS = 1000

export function summarizeInMs(histogram: LatencyHistogram): LatencySummary {
  if (histogram.totalCount === 0) return EMPTY_LATENCY
  const ms = (micros: number): number => Math.round(micros) / MICROS_PER_MS
  return {
    min: ms(histogram.minNonZeroValue),
    mean: ms(histogram.mean),
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    // The top bucket's upper edge, as the percentiles report theirs, so max is never below p99.
    max: ms(histogram.getValueAtPercentile(100))
  }
}

/** Compressed base64, HdrHistogram's portable encoding; decodeFromCompressedBase64 reads it back. */
export function encodeHistogram(histogram: LatencyHistogram): string {
  return encodeIntoCompressedBase64(histogram)
}
