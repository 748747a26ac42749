import { intervalEnded, type IntervalLatency, type RunInterval } from '../../../shared/run-interval'
import { MAX_SERIES_POINTS, seriesBucket } from '../../../shared/series-buckets'

/**
 * The columns a chart can draw, one Float64Array each. Rates are per second over the point's span;
 * latencies are in ms and NaN where no response completed (a gap, not a fast zero); dueRate and rawP99
 * are NaN in the closed model, target without a shape.
 */
export const SERIES_COLUMNS = [
  /** Seconds from the run's start to the point's end: the x axis. */
  'time',
  /** The run time the point covers: from its first interval's start to its last one's end. */
  'startMs',
  'endMs',
  /** The last tick merged into the point, for the bucket rule. */
  'tick',
  /** Requests ended a second, any outcome. */
  'endedRate',
  /** Requests started a second: the achieved rate. */
  'sentRate',
  /** Open model: requests due a second by the schedule: the target rate. */
  'dueRate',
  'clientOrServerErrorRate',
  'failedRate',
  'p50',
  'p90',
  'p99',
  'rawP99',
  'activeConnections',
  /** With a shape: its target at the point's end (./run-interval.ts), connections or requests a second. */
  'target'
] as const
export type SeriesColumn = (typeof SERIES_COLUMNS)[number]

const RATE_COLUMNS = ['endedRate', 'sentRate', 'dueRate', 'clientOrServerErrorRate', 'failedRate'] as const
const LATENCY_COLUMNS = ['p50', 'p90', 'p99', 'rawP99'] as const

/**
 * A run's series for the live charts, in fixed-size typed arrays allocated once, so a one-hour run
 * costs what a one-minute run does. Intervals share points by the controller's own bucket rule
 * (src/shared/series-buckets.ts): when full, the bucket width doubles and neighbours merge, so the
 * window's points cover exactly the ticks the controller's do. Counts merge exactly (rates weighted
 * by span); latency merges as the worse of the two, since the histograms stay in src/control: an
 * upper bound while the run goes, replaced by the exact series when the result arrives.
 */
export class SeriesBuffer {
  private readonly columns: Record<SeriesColumn, Float64Array>
  private count = 0
  private widthTicks = 1

  constructor(readonly capacity = MAX_SERIES_POINTS) {
    // One slot past the capacity: where an interval is written before it merges into the last point.
    this.columns = Object.fromEntries(SERIES_COLUMNS.map((name) => [name, new Float64Array(capacity + 1)])) as Record<
      SeriesColumn,
      Float64Array
    >
  }

  get length(): number {
    return this.count
  }

  /** The width of each point, in snapshot ticks: 1 until the buffer first filled. */
  get ticksPerPoint(): number {
    return this.widthTicks
  }

  /** The column's points so far: a view, not a copy (valid until the next change). */
  view(column: SeriesColumn): Float64Array {
    return this.columns[column].subarray(0, this.count)
  }

  clear(): void {
    this.count = 0
    this.widthTicks = 1
  }

  push(interval: RunInterval): void {
    const lastIndex = this.count - 1
    if (lastIndex >= 0 && this.bucketAt(lastIndex) === seriesBucket(interval.tick, this.widthTicks)) {
      this.write(this.count, interval)
      this.mergeInto(lastIndex, this.count)
      return
    }
    if (this.count === this.capacity) {
      this.widen()
      this.push(interval)
      return
    }
    this.write(this.count, interval)
    this.count++
  }

  private bucketAt(index: number): number {
    return seriesBucket(this.columns.tick[index], this.widthTicks)
  }

  /** Writes the interval at `index`; at `length` it waits there to be appended or merged. */
  private write(index: number, interval: RunInterval): void {
    const c = this.columns
    const spanMs = Math.max(0, interval.endMs - interval.startMs)
    const perSecond = (count: number): number => (spanMs > 0 ? (count * 1000) / spanMs : 0)
    const answered = interval.responses.ok + interval.responses.clientOrServerError > 0
    const latency = (of: IntervalLatency | undefined, field: keyof IntervalLatency): number =>
      of && answered ? of[field] : Number.NaN
    const slot = index
    c.time[slot] = interval.endMs / 1000
    c.startMs[slot] = interval.startMs
    c.endMs[slot] = interval.endMs
    c.tick[slot] = interval.tick
    c.endedRate[slot] = perSecond(intervalEnded(interval))
    c.sentRate[slot] = perSecond(interval.sent)
    c.dueRate[slot] = interval.due === undefined ? Number.NaN : perSecond(interval.due)
    c.clientOrServerErrorRate[slot] = perSecond(interval.responses.clientOrServerError)
    c.failedRate[slot] = perSecond(interval.failed)
    c.p50[slot] = latency(interval.latencyMs, 'p50')
    c.p90[slot] = latency(interval.latencyMs, 'p90')
    c.p99[slot] = latency(interval.latencyMs, 'p99')
    c.rawP99[slot] = latency(interval.rawLatencyMs, 'p99')
    c.activeConnections[slot] = interval.activeConnections
    c.target[slot] = interval.target ?? Number.NaN
  }

  /** Merges the point at `from` (which follows it in time) into the one at `into`. */
  private mergeInto(into: number, from: number): void {
    const c = this.columns
    // Rates back to counts and over the merged span, as the controller's merge does (gaps included).
    const a = Math.max(0, c.endMs[into] - c.startMs[into])
    const b = Math.max(0, c.endMs[from] - c.startMs[from])
    const span = Math.max(0, c.endMs[from] - c.startMs[into])
    for (const column of RATE_COLUMNS) {
      const values = c[column]
      values[into] = span > 0 ? (values[into] * a + values[from] * b) / span : 0
    }
    for (const column of LATENCY_COLUMNS) {
      const values = c[column]
      values[into] = worse(values[into], values[from])
    }
    c.endMs[into] = c.endMs[from]
    c.time[into] = c.time[from]
    c.tick[into] = c.tick[from]
    c.activeConnections[into] = c.activeConnections[from]
    // Set at the point's end, as the controller merges it (src/control/interval-merge.ts).
    c.target[into] = c.target[from]
  }

  /** Doubles the width, merging the points that now share a bucket, until there is room again. */
  private widen(): void {
    while (this.count === this.capacity) {
      this.widthTicks *= 2
      let kept = 0
      for (let index = 0; index < this.count; index++) {
        if (kept > 0 && this.bucketAt(kept - 1) === this.bucketAt(index)) this.mergeInto(kept - 1, index)
        else {
          if (kept !== index) this.move(index, kept)
          kept++
        }
      }
      this.count = kept
    }
  }

  private move(from: number, to: number): void {
    for (const column of SERIES_COLUMNS) this.columns[column][to] = this.columns[column][from]
  }
}

/** The higher latency, a gap only where both are gaps. */
function worse(a: number, b: number): number {
  if (Number.isNaN(a)) return b
  if (Number.isNaN(b)) return a
  return Math.max(a, b)
}
