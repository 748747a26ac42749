/**
 * Calls back at whole periods from a start (start + period, start + 2 × period, ...), each delay
 * computed afresh from the clock so the ticks never drift: the engines of a run, started together,
 * tick together, and their intervals line up (see src/shared/run-interval.ts). A tick missed while
 * the event loop was blocked is skipped, not run twice.
 */
export class SnapshotClock {
  private timer: NodeJS.Timeout | undefined
  private startedAt = 0

  constructor(
    private readonly periodMs: number,
    private readonly onTick: () => void
  ) {}

  start(startedAt: number): void {
    this.startedAt = startedAt
    this.schedule(1)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(tick: number): void {
    const delay = this.startedAt + tick * this.periodMs - performance.now()
    this.timer = setTimeout(() => {
      this.onTick()
      const passed = Math.floor((performance.now() - this.startedAt) / this.periodMs)
      this.schedule(Math.max(tick + 1, passed + 1))
    }, Math.max(0, delay))
  }
}
