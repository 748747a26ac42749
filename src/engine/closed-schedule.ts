import type { RequestSchedule } from './request-schedule'
import type { RequestSlot } from './request-slot'

/**
 * The closed model: each slot sends its next request the moment the last one ends, so the load
 * follows the server's pace. Latency counts from the actual send.
 */
export class ClosedSchedule implements RequestSchedule {
  private started = 0
  private stopped = false

  constructor(private readonly limit: number) {}

  begin(): void {}

  assign(slot: RequestSlot): boolean {
    if (this.stopped || this.started >= this.limit) return false
    this.started++
    slot.send(performance.now())
    return true
  }

  stop(): RequestSlot[] {
    this.stopped = true
    return []
  }

  end(): RequestSlot[] {
    return this.stop()
  }
}
