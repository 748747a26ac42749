import type { RequestSlot } from './request-slot'

/**
 * What a schedule hands work to: a run's RequestSlot (one request), or a flow's VirtualUser (one
 * iteration, ./virtual-user.ts). Types only: the schedules' code is the same for both.
 */
export interface ScheduledSlot {
  /** When its next work is due (the schedule sets it). */
  dueAt: number
  send(dueAt: number, sentAt?: number): void
  readonly connection: { readonly index: number }
}

/**
 * When a run's requests start. Each mode lives in its own file: ./closed-schedule.ts (each slot
 * sends its next request as soon as the last one ends), ./open-schedule.ts (requests are due at a
 * rate, whatever the server does: ./constant-arrivals.ts or ./ramping-arrivals.ts) and
 * ./ramping-connections-schedule.ts (the closed model on as many connections as a shape says).
 */
export interface RequestSchedule<Slot extends ScheduledSlot = RequestSlot> {
  /**
   * The run starts now (performance.now() clock). `release` ends slots the schedule had parked and
   * will never give a request, at a moment of its own (not in answer to assign).
   */
  begin(startedAt: number, release: (slots: Slot[]) => void): void
  /**
   * A free slot asks for its next request: the schedule sends it now or parks the slot until it is
   * due. False when no request is left to start: the slot is done.
   */
  assign(slot: Slot): boolean
  /** No request starts after this (a cancel). Returns the slots it had parked, now done. */
  stop(): Slot[]
  /**
   * The run's time is up: requests already due start, then none. Returns the slots it had parked,
   * now done.
   */
  end(): Slot[]
  /**
   * Open model only: how the schedule kept up since the last call, for the run's series (see
   * src/shared/run-interval.ts). The closed model has no schedule to fall behind.
   */
  samplePace?(now: number): SchedulePace
}

export interface SchedulePace {
  /** Requests that fell due since the last sample. */
  due: number
  /** How far behind schedule sends started since the last sample, or the oldest due request waits. */
  behindScheduleMs: number
}
