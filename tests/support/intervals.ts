import { createLatencyHistogram, encodeHistogram, summarizeInMs } from '../../src/engine/latency-histogram'
import type { IntervalLatency, RunInterval } from '../../src/shared/run-interval'
import type { LatencySummary } from '../../src/shared/run-snapshot'

/**
 * Intervals as an engine builds them: counts, and the summary and encoding of real latencies (in
 * microseconds), so merges can be checked against one histogram holding every value.
 */
export function intervalOf(tick: number, latenciesMicros: number[], overrides: Partial<RunInterval> = {}): RunInterval {
  const latency = histogramOf(latenciesMicros)
  const ttfb = histogramOf(latenciesMicros.map((micros) => Math.ceil(micros / 2)))
  return {
    tick,
    startMs: (tick - 1) * 100,
    endMs: tick * 100,
    responses: { ok: latenciesMicros.length, clientOrServerError: 0 },
    failed: 0,
    aborted: 0,
    bytesRead: latenciesMicros.length * 2,
    sent: latenciesMicros.length,
    latencyMs: latency.summary,
    ttfbMs: ttfb.summary,
    activeConnections: 4,
    health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 20, cpuPercent: 15 },
    histograms: { latency: latency.encoded, ttfb: ttfb.encoded },
    ...overrides
  }
}

function histogramOf(latenciesMicros: number[]): { summary: IntervalLatency; encoded: string } {
  if (latenciesMicros.length === 0) return { summary: { p50: 0, p90: 0, p99: 0, max: 0 }, encoded: '' }
  const histogram = createLatencyHistogram()
  for (const value of latenciesMicros) histogram.recordValue(value)
  const { p50, p90, p99, max } = summarizeInMs(histogram)
  return { summary: { p50, p90, p99, max }, encoded: encodeHistogram(histogram) }
}

/** The p50/p90/p99/max of one histogram holding every value: what an exact merge must report. */
export function intervalLatencyOf(latenciesMicros: number[]): IntervalLatency {
  const histogram = createLatencyHistogram()
  for (const value of latenciesMicros) histogram.recordValue(value)
  const { p50, p90, p99, max }: LatencySummary = summarizeInMs(histogram)
  return { p50, p90, p99, max }
}

/** Deterministic spread-out latencies in microseconds, from 1 µs to about 2 s, different for each seed. */
export function latencies(count: number, seed: number): number[] {
  let state = seed
  return Array.from({ length: count }, () => {
    state = (state * 16_807) % 2_147_483_647
    return 1 + Math.floor((state / 2_147_483_647) ** 3 * 2_000_000)
  })
}
