import type { RequestSchedule, ScheduledSlot, SchedulePace } from './request-schedule'
import type { RequestSlot } from './request-slot'

/** When the open model's requests fall due. */
export interface ArrivalTimes {
  /** When request i is due, in ms after the start; Infinity for never. Called with i never decreasing. */
  offsetOf(request: number): number
  /** Requests asked for from the start to `elapsedMs` (a fraction): request i is due once it reaches i. */
  requestsBy(elapsedMs: number): number
}

/**
 * The open model: request i is due at start + arrivals.offsetOf(i), whatever the server does: at a
 * steady rate (./constant-arrivals.ts) or a ramping one (./ramping-arrivals.ts). A slot that frees
 * up early waits (parked) until its next request is due; one that frees up late sends at once, and
 * the request's latency still counts from when it was due. So a stalling server shows up as latency
 * instead of hiding behind a load that slowed down with it (coordinated omission, as wrk2 and oha
 * correct it). The backlog costs no memory: a request's due time follows from its number.
 */
export class OpenSchedule<Slot extends ScheduledSlot = RequestSlot> implements RequestSchedule<Slot> {
  private startedAt = 0
  private started = 0
  private stopped = false
  /** Slots waiting for their request, in due order (due times only grow). */
  private parked: Slot[] = []
  private wakeTimer: NodeJS.Timeout | undefined
  /** The latest any send started since the last pace sample, in ms after its due time. */
  private lateMs = 0
  private dueAtLastSample = 0
  /** Set by stop(): nothing falls due after it. */
  private dueAtStop: number | undefined

  constructor(
    private readonly arrivals: ArrivalTimes,
    private readonly limit: number,
    private readonly durationMs: number
  ) {}

  begin(startedAt: number): void {
    this.startedAt = startedAt
  }

  assign(slot: Slot): boolean {
    if (this.stopped || this.started >= this.limit) return false
    const offset = this.arrivals.offsetOf(this.started)
    if (offset >= this.durationMs) return false
    this.started++
    const dueAt = this.startedAt + offset
    const now = performance.now()
    if (dueAt <= now) {
      this.sendLate(slot, dueAt, now)
      return true
    }
    slot.dueAt = dueAt
    this.parked.push(slot)
    if (this.wakeTimer === undefined) this.wakeAt(this.parked[0].dueAt)
    return true
  }

  stop(): Slot[] {
    this.dueAtStop ??= this.dueBy(performance.now())
    this.stopped = true
    clearTimeout(this.wakeTimer)
    this.wakeTimer = undefined
    return this.parked.splice(0)
  }

  end(): Slot[] {
    // The pacer may not have woken yet for requests due just before the end: they still go.
    this.sendDue()
    return this.stop()
  }

  samplePace(now: number): SchedulePace {
    const dueNow = this.dueBy(now)
    const due = dueNow - this.dueAtLastSample
    this.dueAtLastSample = dueNow
    let behindScheduleMs = this.lateMs
    this.lateMs = 0
    // The oldest request due and not sent yet: a parked slot's (its timer is late), or else the next
    // one no slot was free to take.
    const waiting = this.parked.length > 0 || this.started < dueNow
    const oldestDueAt = this.parked.length > 0 ? this.parked[0].dueAt : this.startedAt + this.arrivals.offsetOf(this.started)
    if (waiting && oldestDueAt <= now) behindScheduleMs = Math.max(behindScheduleMs, now - oldestDueAt)
    return { due, behindScheduleMs }
  }

  /** Requests due by `now`, of those the run will send: 0 to i, where the arrivals reach i by then. */
  private dueBy(now: number): number {
    if (this.dueAtStop !== undefined) return this.dueAtStop
    const byClock = Math.floor(this.arrivals.requestsBy(now - this.startedAt)) + 1
    // Those due before the end (never on it): as many as the integral reaches there, rounded up.
    const byDuration = Math.ceil(this.arrivals.requestsBy(this.durationMs))
    return Math.max(0, Math.min(byClock, byDuration, this.limit))
  }

  /** Sends now a request due at `dueAt`, noting how late. */
  private sendLate(slot: Slot, dueAt: number, now: number): void {
    if (now - dueAt > this.lateMs) this.lateMs = now - dueAt
    slot.send(dueAt, now)
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
    for (const slot of due) this.sendLate(slot, slot.dueAt, now)
    if (this.parked.length > 0 && this.wakeTimer === undefined) this.wakeAt(this.parked[0].dueAt)
  }
}
