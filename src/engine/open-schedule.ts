import type { RequestSchedule } from './request-schedule'
import type { RequestSlot } from './request-slot'

/** When the open model's request i is due, in ms after the start; Infinity for never. */
export interface ArrivalTimes {
  /** Called with request numbers that never decrease. */
  offsetOf(request: number): number
}

/**
 * The open model: request i is due at start + arrivals.offsetOf(i), whatever the server does: at a
 * steady rate (./constant-arrivals.ts) or a ramping one (./ramping-arrivals.ts). A slot that frees
 * up early waits (parked) until its next request is due; one that frees up late sends at once, and
 * the request's latency still counts from when it was due. So a stalling server shows up as latency
 * instead of hiding behind a load that slowed down with it (coordinated omission, as wrk2 and oha
 * correct it). The backlog costs no memory: a request's due time follows from its number.
 */
export class OpenSchedule implements RequestSchedule {
  private startedAt = 0
  private started = 0
  private stopped = false
  /** Slots waiting for their request, in due order (due times only grow). */
  private parked: RequestSlot[] = []
  private wakeTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly arrivals: ArrivalTimes,
    private readonly limit: number,
    private readonly durationMs: number
  ) {}

  begin(startedAt: number): void {
    this.startedAt = startedAt
  }

  assign(slot: RequestSlot): boolean {
    if (this.stopped || this.started >= this.limit) return false
    const offset = this.arrivals.offsetOf(this.started)
    if (offset >= this.durationMs) return false
    this.started++
    const dueAt = this.startedAt + offset
    if (dueAt <= performance.now()) {
      slot.send(dueAt)
      return true
    }
    slot.dueAt = dueAt
    this.parked.push(slot)
    if (this.wakeTimer === undefined) this.wakeAt(this.parked[0].dueAt)
    return true
  }

  stop(): RequestSlot[] {
    this.stopped = true
    clearTimeout(this.wakeTimer)
    this.wakeTimer = undefined
    return this.parked.splice(0)
  }

  end(): RequestSlot[] {
    // The pacer may not have woken yet for requests due just before the end: they still go.
    this.sendDue()
    return this.stop()
  }

  private wakeAt(dueAt: number): void {
    this.wakeTimer = setTimeout(() => this.sendDue(), Math.max(0, dueAt - performance.now()))
  }

  private sendDue(): void {
    clearTimeout(this.wakeTimer)
    this.wakeTimer = undefined
    const now = performance.now()
    let sent = 0
    while (sent < this.parked.length && this.parked[sent].dueAt <= now) sent++
    const due = this.parked.splice(0, sent)
    // Sending may park slots again (behind the ones still waiting), so take the due ones out first.
    for (const slot of due) slot.send(slot.dueAt)
    if (this.parked.length > 0 && this.wakeTimer === undefined) this.wakeAt(this.parked[0].dueAt)
  }
}
