import { EMPTY_INTERVAL_LATENCY, type IntervalLatency } from '../shared/run-interval'
import type { LatencySummary } from '../shared/run-snapshot'
import { createLatencyHistogram, encodeHistogram, summarizeInMs } from './latency-histogram'

/**
 * One latency measure of a run (total latency, time to first byte, raw latency), interval by
 * interval. A response is recorded once, into the interval's histogram; closing the interval adds
 * that histogram to the run's and empties it, so the series costs nothing per request beyond what
 * the totals did before.
 */
export class IntervalHistogram {
  private current = createLatencyHistogram()
  private readonly run = createLatencyHistogram()
  /** Exact, where the run's histogram, built by adding buckets, knows only a bucket's edge. */
  private minMicros = Number.POSITIVE_INFINITY

  record(micros: number): void {
    this.current.recordValue(micros)
  }

  /**
   * The interval's summary and its histogram encoded ('' when it recorded nothing), then its counts
   * join the run's.
   */
  closeInterval(): { latencyMs: IntervalLatency; encoded: string } {
    const current = this.current
    if (current.totalCount === 0) return { latencyMs: EMPTY_INTERVAL_LATENCY, encoded: '' }
    const { p50, p90, p99, max } = summarizeInMs(current)
    const encoded = encodeHistogram(current)
    this.minMicros = Math.min(this.minMicros, current.minNonZeroValue)
    this.run.add(current)
    // Two histograms of one size add index by index; of different sizes, value by value, about ten
    // times slower. So the interval's is kept as large as the run's, which only ever grows.
    if (current.countsArrayLength === this.run.countsArrayLength) current.reset()
    else this.current = createLatencyHistogram(this.run.highestTrackableValue)
    return { latencyMs: { p50, p90, p99, max }, encoded }
  }

  /** The run's figures up to the last closed interval. */
  runSummary(): LatencySummary {
    const summary = summarizeInMs(this.run)
    return this.run.totalCount === 0 ? summary : { ...summary, min: Math.round(this.minMicros) / 1000 }
  }

  encodedRun(): string {
    return encodeHistogram(this.run)
  }
}
