import type { RequestSchedule, ScheduledSlot } from './request-schedule'
import type { RequestSlot } from './request-slot'

/**
 * The closed model: each slot sends its next request the moment the last one ends, so the load
 * follows the server's pace. Latency counts from the actual send.
 */
export class ClosedSchedule<Slot extends ScheduledSlot = RequestSlot> implements RequestSchedule<Slot> {
  private started = 0
  private stopped = false

  constructor(private readonly limit: number) {}

  begin(): void {}

  assign(slot: Slot): boolean {
    if (this.stopped || this.started >= this.limit) return false
    this.started++
    slot.send(performance.now())
    return true
  }

  stop(): Slot[] {
    this.stopped = true
    return []
  }

  end(): Slot[] {
    return this.stop()
  }
}
