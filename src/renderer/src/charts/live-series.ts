import type { RunInterval } from '../../../shared/run-interval'
import type { RunResult, RunSnapshot } from '../../../shared/run-snapshot'
import { SeriesBuffer } from './series-buffer'

/**
 * The window's one series of the run on screen, outside React and outside the store: the run-events
 * listener feeds it (./app/run-events.ts), charts subscribe and redraw on the next animation frame.
 * `version` changes with every change, so a chart skips a frame when nothing moved.
 */
export class LiveSeries {
  readonly buffer = new SeriesBuffer()
  private runId: number | undefined
  private changes = 0
  private readonly listeners = new Set<() => void>()

  get version(): number {
    return this.changes
  }

  /** A snapshot of another run than the one shown starts the series afresh. */
  addSnapshot(snapshot: RunSnapshot): void {
    if (snapshot.runId !== this.runId) {
      this.runId = snapshot.runId
      this.buffer.clear()
      this.changed()
    }
    if (snapshot.intervals.length === 0) return
    for (const interval of snapshot.intervals) this.buffer.push(interval)
    this.changed()
  }

  /** The run's end: its exact series (latency from merged histograms) replaces the live one. */
  showResult(result: RunResult): void {
    if (!result.series) {
      this.addSnapshot(result)
      return
    }
    this.showPoints(result.runId, result.series.points)
  }

  /** A whole series at once: a finished run's, or a stored run's (its report's series.points). */
  showPoints(runId: number | undefined, points: readonly RunInterval[]): void {
    this.runId = runId
    this.buffer.clear()
    for (const point of points) this.buffer.push(point)
    this.changed()
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private changed(): void {
    this.changes++
    for (const listener of this.listeners) listener()
  }
}

export const liveSeries = new LiveSeries()
