import { nextWholeChangeMs, targetAt, type LoadStage } from '../shared/load-shape'
import type { RequestSchedule, ScheduledSlot } from './request-schedule'
import type { RequestSlot } from './request-slot'
/** What the schedule opens and retires: the run's TargetConnections (./target-connections.ts), or a flow's virtual users. */
export interface ShapedConnections<Connection> {
  readonly all: readonly Connection[]
  retire(connection: Connection): void
  reopen(connection: Connection): void
}

/**
 * The closed model on as many connections as a shape says (k6's ramping VUs): connection k is open
 * while the shape's target, rounded, is above k, and each of its slots sends its next request as
 * soon as the last one ends (latency from the actual send, as in ./closed-schedule.ts).
 *
 * When the target falls, a connection above it finishes the requests in flight; each of its slots
 * then parks, and once all of them are parked its socket is closed (retired). When the target
 * rises, the connections below it open again (a new socket on the next request) and their parked
 * slots go. One timer, set for the next moment the rounded target changes.
 */
export class RampingConnectionsSchedule<Slot extends ScheduledSlot = RequestSlot> implements RequestSchedule<Slot> {
  private startedAt = 0
  private started = 0
  private stopped = false
  /** Connections the shape has open now: indexes 0 to open - 1. */
  private open = 0
  private readonly parked: Slot[][]
  private readonly slotsPerConnection: number[]
  private changeTimer: NodeJS.Timeout | undefined
  private release: (slots: Slot[]) => void = () => {}

  constructor(
    private readonly start: number,
    private readonly stages: readonly LoadStage[],
    private readonly limit: number,
    private readonly connections: ShapedConnections<Slot['connection']>,
    slots: readonly Slot[]
  ) {
    this.parked = connections.all.map(() => [])
    this.slotsPerConnection = connections.all.map(() => 0)
    for (const slot of slots) this.slotsPerConnection[slot.connection.index]++
  }

  begin(startedAt: number, release: (slots: Slot[]) => void): void {
    this.startedAt = startedAt
    this.release = release
    this.open = this.targetNow()
    this.watchForChange()
  }

  assign(slot: Slot): boolean {
    if (this.stopped || this.started >= this.limit) return false
    if (slot.connection.index >= this.open) {
      this.park(slot)
      return true
    }
    this.started++
    slot.send(performance.now())
    // The last request of a counted run has gone: the parked slots will never get one.
    if (this.started === this.limit) this.release(this.takeParked())
    return true
  }

  stop(): Slot[] {
    this.stopped = true
    clearTimeout(this.changeTimer)
    this.changeTimer = undefined
    return this.takeParked()
  }

  end(): Slot[] {
    return this.stop()
  }

  private park(slot: Slot): void {
    const connection = slot.connection
    const parked = this.parked[connection.index]
    parked.push(slot)
    if (parked.length === this.slotsPerConnection[connection.index]) this.connections.retire(connection)
  }

  private takeParked(): Slot[] {
    return this.parked.flatMap((slots) => slots.splice(0))
  }

  private targetNow(): number {
    return Math.round(targetAt(this.start, this.stages, performance.now() - this.startedAt))
  }

  private watchForChange(): void {
    const elapsed = performance.now() - this.startedAt
    const next = nextWholeChangeMs(this.start, this.stages, elapsed)
    if (next === Infinity) return
    // At least a millisecond: a falling ramp is still at the old number exactly on its change.
    this.changeTimer = setTimeout(() => this.onChange(), Math.max(1, next - elapsed))
  }

  private onChange(): void {
    this.changeTimer = undefined
    const before = this.open
    this.open = this.targetNow()
    // A fall needs nothing now: the connections above the target park as their requests end.
    for (let index = before; index < this.open; index++) this.wake(index)
    if (!this.stopped) this.watchForChange()
  }

  private wake(index: number): void {
    const slots = this.parked[index].splice(0)
    if (slots.length === 0) return
    this.connections.reopen(this.connections.all[index])
    const done = slots.filter((slot) => !this.assign(slot))
    if (done.length > 0) this.release(done)
  }
}
