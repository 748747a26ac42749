import { createLatencyHistogram, decodeHistogram, encodeHistogram, summarizeInMs } from '../engine/latency-histogram'
import { worstInto } from '../shared/generator-health'
import {
  EMPTY_INTERVAL_LATENCY,
  type GeneratorHealth,
  type IntervalHistograms,
  type IntervalLatency,
  type RunInterval
} from '../shared/run-interval'

/**
 * Exact merges of intervals (src/shared/run-interval.ts): counts add up, latency comes from the
 * merged HdrHistograms (never from averaging percentiles), health is the worst of the parts.
 * Two kinds, which differ only in time and connections:
 *
 * | field             | concurrent (workers, same tick) | consecutive (adjacent, downsampling) |
 * |-------------------|---------------------------------|--------------------------------------|
 * | tick, endMs       | the same / the latest end       | the last part's                      |
 * | startMs           | the earliest                    | the first part's                     |
 * | activeConnections | summed (all open at once)       | the last part's (open at its end)    |
 * | target            | summed (each runs its share)    | the last part's (set at its end)     |
 * | everything else   | summed / merged / worst         | summed / merged / worst              |
 */

/** The intervals of one tick from several engine processes, as one. */
export function mergeConcurrentIntervals(parts: readonly RunInterval[]): RunInterval {
  if (parts.length === 1) return parts[0]
  return {
    ...mergeCounts(parts),
    tick: parts[0].tick,
    startMs: Math.min(...parts.map((part) => part.startMs)),
    endMs: Math.max(...parts.map((part) => part.endMs)),
    activeConnections: sum(parts, (part) => part.activeConnections),
    ...(parts.some((part) => part.target !== undefined) ? { target: sum(parts, (part) => part.target ?? 0) } : {})
  }
}

/** Adjacent intervals, in time order, as one covering them all. */
export function mergeConsecutiveIntervals(parts: readonly RunInterval[]): RunInterval {
  if (parts.length === 1) return parts[0]
  const last = parts[parts.length - 1]
  return {
    ...mergeCounts(parts),
    tick: last.tick,
    startMs: parts[0].startMs,
    endMs: last.endMs,
    activeConnections: last.activeConnections,
    ...(last.target !== undefined ? { target: last.target } : {})
  }
}

type MergedCounts = Omit<RunInterval, 'tick' | 'startMs' | 'endMs' | 'activeConnections' | 'target'>

function mergeCounts(parts: readonly RunInterval[]): MergedCounts {
  const open = parts.some((part) => part.due !== undefined)
  const latency = mergeLatency(parts, (part) => part.latencyMs, (histograms) => histograms.latency)
  const ttfb = mergeLatency(parts, (part) => part.ttfbMs, (histograms) => histograms.ttfb)
  const raw = open ? mergeLatency(parts, (part) => part.rawLatencyMs, (histograms) => histograms.rawLatency) : undefined
  const health: GeneratorHealth = { eventLoopDelayP99Ms: 0, eventLoopBusyPercent: 0, cpuPercent: 0 }
  for (const part of parts) worstInto(health, part.health)
  return {
    responses: {
      ok: sum(parts, (part) => part.responses.ok),
      clientOrServerError: sum(parts, (part) => part.responses.clientOrServerError)
    },
    failed: sum(parts, (part) => part.failed),
    aborted: sum(parts, (part) => part.aborted),
    bytesRead: sum(parts, (part) => part.bytesRead),
    sent: sum(parts, (part) => part.sent),
    ...(open ? { due: sum(parts, (part) => part.due ?? 0) } : {}),
    latencyMs: latency.latencyMs,
    ttfbMs: ttfb.latencyMs,
    ...(raw ? { rawLatencyMs: raw.latencyMs } : {}),
    health,
    histograms: { latency: latency.encoded, ttfb: ttfb.encoded, ...(raw ? { rawLatency: raw.encoded } : {}) }
  }
}

/**
 * One measure's histograms merged. Parts without values ('' or none) are skipped; a lone part with
 * values is taken as it is, so quiet intervals and single-worker runs decode nothing.
 */
function mergeLatency(
  parts: readonly RunInterval[],
  summaryOf: (part: RunInterval) => IntervalLatency | undefined,
  encodedOf: (histograms: IntervalHistograms) => string | undefined
): { latencyMs: IntervalLatency; encoded: string } {
  const withValues = parts.filter((part) => part.histograms && encodedOf(part.histograms))
  if (withValues.length === 0) return { latencyMs: EMPTY_INTERVAL_LATENCY, encoded: '' }
  if (withValues.length === 1) {
    const part = withValues[0]
    return { latencyMs: summaryOf(part) ?? EMPTY_INTERVAL_LATENCY, encoded: encodedOf(part.histograms as IntervalHistograms) ?? '' }
  }
  const histogram = createLatencyHistogram()
  for (const part of withValues) histogram.add(decodeHistogram(encodedOf(part.histograms as IntervalHistograms) as string))
  const { p50, p90, p99, max } = summarizeInMs(histogram)
  return { latencyMs: { p50, p90, p99, max }, encoded: encodeHistogram(histogram) }
}

function sum(parts: readonly RunInterval[], of: (part: RunInterval) => number): number {
  let total = 0
  for (const part of parts) total += of(part)
  return total
}
