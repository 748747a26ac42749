import { HealthTally, type RunHealth } from '../shared/generator-health'
import { SNAPSHOT_INTERVAL_MS, withoutHistograms, type RunInterval, type RunSeries } from '../shared/run-interval'
import { MAX_SERIES_POINTS, seriesBucket } from '../shared/series-buckets'
import { mergeConsecutiveIntervals } from './interval-merge'

/**
 * A run's series, as the controller collects it from every merged interval, kept bounded: while it
 * holds more than `maxPoints` points, adjacent points are merged exactly (./interval-merge.ts) into
 * buckets twice as wide, by the shared rule of src/shared/series-buckets.ts. The generator's
 * health over the run is summed from every interval as it arrives, before any merge.
 */
export class BoundedSeries {
  private points: RunInterval[] = []
  /** Ticks per point: 1, then doubled each time the series outgrows maxPoints. */
  private widthTicks = 1
  private readonly health = new HealthTally()

  constructor(private readonly maxPoints = MAX_SERIES_POINTS) {}

  add(intervals: readonly RunInterval[]): void {
    for (const interval of intervals) {
      this.health.add(interval)
      const last = this.points[this.points.length - 1]
      if (last && this.bucketOf(last) === this.bucketOf(interval)) {
        this.points[this.points.length - 1] = mergeConsecutiveIntervals([last, interval])
      } else {
        this.points.push(interval)
      }
      if (this.points.length > this.maxPoints) this.widen()
    }
  }

  /** The series as the window and the report show it: without histograms unless asked (for a segment's merge). */
  series(withHistograms = false): RunSeries {
    const points = withHistograms ? [...this.points] : this.points.map(withoutHistograms)
    return { bucketMs: this.widthTicks * SNAPSHOT_INTERVAL_MS, points }
  }

  healthSummary(): RunHealth {
    return this.health.summary()
  }

  private bucketOf(interval: RunInterval): number {
    return seriesBucket(interval.tick, this.widthTicks)
  }

  /** Doubles the bucket width and merges the points that now share a bucket. */
  private widen(): void {
    while (this.points.length > this.maxPoints) {
      this.widthTicks *= 2
      const merged: RunInterval[] = []
      let group: RunInterval[] = []
      for (const point of this.points) {
        if (group.length > 0 && this.bucketOf(group[0]) !== this.bucketOf(point)) {
          merged.push(mergeConsecutiveIntervals(group))
          group = []
        }
        group.push(point)
      }
      if (group.length > 0) merged.push(mergeConsecutiveIntervals(group))
      this.points = merged
    }
  }
}
