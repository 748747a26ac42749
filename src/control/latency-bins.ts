import { decodeHistogram } from '../engine/latency-histogram'
import type { LatencyBin } from '../shared/run-snapshot'

/** Ten bins a decade (1, 1.26, 1.58, 2, 2.5, 3.2, 4, 5, 6.3, 7.9 ms...): even widths on a log axis. */
const BINS_PER_DECADE = 10
/** Below a microsecond is the histogram's own resolution: such values share the lowest bin. */
const FLOOR_MS = 0.001

/**
 * The run's latency histogram (encoded, as in a RunResult) counted into log-spaced bins, from the
 * lowest non-empty bin to the highest, empty ones between included: what the report's and the
 * window's histogram chart draws. Each recorded value counts in the bin of its bucket's middle.
 */
export function latencyBins(encoded: string | undefined): LatencyBin[] {
  if (!encoded) return []
  const histogram = decodeHistogram(encoded)
  if (histogram.totalCount === 0) return []
  const counts = new Map<number, number>()
  let seen = 0
  for (let index = 0; index < histogram.countsArrayLength && seen < histogram.totalCount; index++) {
    const count = histogram.getCountAtIndex(index)
    if (count === 0) continue
    seen += count
    const ms = Math.max(FLOOR_MS, histogram.medianEquivalentValue(histogram.valueFromIndex(index)) / 1000)
    const bin = Math.floor(Math.log10(ms) * BINS_PER_DECADE + 1e-9)
    counts.set(bin, (counts.get(bin) ?? 0) + count)
  }
  const bins = [...counts.keys()]
  const lowest = Math.min(...bins)
  const highest = Math.max(...bins)
  const result: LatencyBin[] = []
  for (let bin = lowest; bin <= highest; bin++) {
    result.push({ fromMs: edge(bin), toMs: edge(bin + 1), count: counts.get(bin) ?? 0 })
  }
  return result
}

function edge(bin: number): number {
  return Number((10 ** (bin / BINS_PER_DECADE)).toPrecision(4))
}
