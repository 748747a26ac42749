import type { RunInterval } from '../shared/run-interval'
import { mergeConcurrentIntervals } from './interval-merge'

/**
 * The intervals of a run's engine processes, merged tick by tick (see src/shared/run-interval.ts for
 * the tick). A tick is complete once every process has reported an interval of that tick or a later
 * one, or has sent its result: an engine's ticks only grow, so none of that tick can still come.
 * Each merged interval is handed out once, complete and final; with one engine process, at once. A
 * snapshot heard twice adds nothing the second time.
 */
export class WorkerIntervals {
  private readonly pending = new Map<number, RunInterval[]>()
  /** Per process: the latest tick it reported; Infinity once its result came. */
  private readonly reportedThrough: number[]

  constructor(processes: number) {
    this.reportedThrough = new Array<number>(processes).fill(0)
  }

  add(process: number, intervals: readonly RunInterval[]): void {
    for (const interval of intervals) {
      // An engine's ticks only grow: one already reported is a message heard twice, not news.
      if (interval.tick <= this.reportedThrough[process]) continue
      const parts = this.pending.get(interval.tick)
      if (parts) parts.push(interval)
      else this.pending.set(interval.tick, [interval])
      this.reportedThrough[process] = Math.max(this.reportedThrough[process], interval.tick)
    }
  }

  /** The process will report no more intervals (its result, with its last, has come). */
  finish(process: number): void {
    this.reportedThrough[process] = Number.POSITIVE_INFINITY
  }

  /** The merged intervals of every complete tick not taken yet, in tick order. */
  takeComplete(): RunInterval[] {
    const through = Math.min(...this.reportedThrough)
    const ticks = [...this.pending.keys()].filter((tick) => tick <= through).sort((a, b) => a - b)
    return ticks.map((tick) => {
      const parts = this.pending.get(tick) as RunInterval[]
      this.pending.delete(tick)
      return mergeConcurrentIntervals(parts)
    })
  }
}
