/**
 * Coalesces a fast stream of values into at most one delivery per interval, latest value wins (or,
 * given `coalesce`, the pending value and the new one combined: the controller keeps every interval
 * of the snapshots it coalesces). Main uses it between the engine (about 10 snapshots a second, more
 * on a fast machine) and the renderer, so IPC traffic stays bounded however chatty the producer gets.
 */
export class ProgressThrottle<T> {
  private pending: { value: T } | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private lastDeliveryAt = Number.NEGATIVE_INFINITY
  private flushWaiters: Array<() => void> = []

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (value: T) => void,
    private readonly coalesce: (pending: T, next: T) => T = (_pending, next) => next
  ) {}

  /** Delivers at once when the last delivery is at least an interval old, otherwise at the next slot. */
  push(value: T): void {
    this.pending = { value: this.pending ? this.coalesce(this.pending.value, value) : value }
    if (this.timer === undefined) this.deliverWhenDue()
  }

  /** Resolves once the pending value (if any) has been delivered at its slot. */
  flush(): Promise<void> {
    if (this.pending === undefined) return Promise.resolve()
    return new Promise((resolve) => this.flushWaiters.push(resolve))
  }

  /** Drops the pending value and stops the timer; waiting flushes resolve without a delivery. */
  cancel(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending = undefined
    this.releaseFlushWaiters()
  }

  private deliverWhenDue(): void {
    this.timer = undefined
    if (this.pending === undefined) return
    // Timers may fire a fraction of a millisecond early against performance.now(): check, don't trust.
    const wait = this.lastDeliveryAt + this.intervalMs - performance.now()
    if (wait > 0) {
      this.timer = setTimeout(() => this.deliverWhenDue(), Math.ceil(wait))
      return
    }
    const { value } = this.pending
    this.pending = undefined
    this.lastDeliveryAt = performance.now()
    try {
      this.deliver(value)
    } finally {
      this.releaseFlushWaiters()
    }
  }

  private releaseFlushWaiters(): void {
    for (const resolve of this.flushWaiters.splice(0)) resolve()
  }
}
