import type { Dispatcher } from 'undici'
import { peakTarget, targetAt } from '../shared/load-shape'
import { runLengthMs, shapeOf, type RunPlan } from '../shared/run-plan'
import { SNAPSHOT_INTERVAL_MS, type RunInterval } from '../shared/run-interval'
import type { RunResult, RunSnapshot } from '../shared/run-snapshot'
import { RunCancelledError } from './abort-reason'
import { ClosedSchedule } from './closed-schedule'
import { ConstantArrivals } from './constant-arrivals'
import { GeneratorMonitor } from './generator-monitor'
import { OpenConnections } from './open-connections'
import { OpenSchedule } from './open-schedule'
import { RampingArrivals } from './ramping-arrivals'
import { RampingConnectionsSchedule } from './ramping-connections-schedule'
import type { RequestSchedule } from './request-schedule'
import { RequestSlot, type SlotHost } from './request-slot'
import { RunTally } from './run-tally'
import { requestOptionsFor, TargetConnections } from './target-connections'

/**
 * One run: a fixed set of slots (connections × pipelining, never more than the requests planned;
 * with a shape of connections, its peak × pipelining) that ask the run's schedule for their next
 * request. Memory is the slots, the tally and the connections, whatever the request count or
 * duration.
 */
export class LoadRun implements SlotHost {
  readonly tally: RunTally
  readonly requestOptions: Dispatcher.DispatchOptions
  readonly timeoutMs: number
  readonly recordsRawLatency: boolean
  /** performance.now() when the run started: interval ticks count from here. */
  startedAt = 0
  /** True once the result is built: no interval follows its last. */
  finished = false
  private readonly connections: TargetConnections
  private readonly openConnections: OpenConnections
  private readonly schedule: RequestSchedule
  private readonly monitor = new GeneratorMonitor()
  private readonly slots: RequestSlot[] = []
  /** When the clock ends the run (a duration, the end of the stages); undefined for a count alone. */
  private readonly lengthMs: number | undefined
  private readonly shape: ReturnType<typeof shapeOf>
  private activeSlots = 0
  /** The tick and end (run time) of the last interval closed. */
  private lastTick = 0
  private lastIntervalEndMs = 0
  private durationTimer: NodeJS.Timeout | undefined
  /** Set by cancel(): the ended count at the moment the run stopped handing out requests. */
  private doneAtCancel: number | undefined
  private readonly ended: Promise<RunResult>
  private resolveEnded!: (result: RunResult) => void

  constructor(
    readonly runId: number,
    private readonly plan: RunPlan
  ) {
    this.requestOptions = requestOptionsFor(plan)
    this.timeoutMs = plan.timeoutMs
    // Only the open model sends later than due: in the closed model raw latency is latency.
    this.recordsRawLatency = plan.ratePerSecond !== undefined
    this.tally = new RunTally({ rawLatency: this.recordsRawLatency })
    this.lengthMs = runLengthMs(plan)
    this.shape = shapeOf(plan)
    const connectionCount =
      this.shape?.unit === 'connections' ? peakTarget(this.shape.start, this.shape.stages) : plan.concurrency
    this.openConnections = new OpenConnections()
    this.connections = new TargetConnections(plan, connectionCount, (client) => this.openConnections.watch(client))
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve))
    const slotCount = Math.min(connectionCount * plan.pipelining, plan.totalRequests ?? Infinity)
    const connections = this.connections.all
    for (let i = 0; i < slotCount; i++) this.slots.push(new RequestSlot(this, connections[i % connections.length]))
    this.schedule = this.scheduleFor(plan)
  }

  /** Starts sending; resolves with the result once every request has ended and the sockets are closed. */
  start(): Promise<RunResult> {
    this.startedAt = performance.now()
    this.monitor.start()
    this.schedule.begin(this.startedAt, (slots) => this.endSlots(slots))
    this.activeSlots = this.slots.length
    if (this.lengthMs !== undefined) {
      // Requests in flight at the end still finish: the run accounts for every request it sent.
      this.endAfter(this.lengthMs)
    }
    for (const slot of this.slots) this.slotFree(slot)
    return this.ended
  }

  /** The run so far, closing an interval: what happened since the last snapshot. */
  snapshot(): RunSnapshot {
    const now = performance.now()
    const elapsedMs = now - this.startedAt
    const interval = this.closeInterval(now, elapsedMs)
    return { ...this.tally.snapshot(this.runId, this.plan.totalRequests ?? 0, elapsedMs), intervals: [interval] }
  }

  /**
   * The interval since the last one, keyed by its tick: the SNAPSHOT_INTERVAL_MS periods from the
   * start to its end, rounded, and always past the last (see src/shared/run-interval.ts).
   */
  private closeInterval(now: number, elapsedMs: number): RunInterval {
    const tick = Math.max(this.lastTick + 1, Math.round(elapsedMs / SNAPSHOT_INTERVAL_MS))
    const startMs = this.lastIntervalEndMs
    this.lastTick = tick
    this.lastIntervalEndMs = elapsedMs
    const pace = this.schedule.samplePace?.(now)
    return {
      tick,
      startMs,
      endMs: elapsedMs,
      ...this.tally.closeInterval(),
      ...(pace ? { due: pace.due } : {}),
      activeConnections: this.openConnections.count,
      ...(this.shape ? { target: targetAt(this.shape.start, this.shape.stages, elapsedMs) } : {}),
      health: { ...this.monitor.sample(), ...(pace ? { behindScheduleMs: round(pace.behindScheduleMs) } : {}) }
    }
  }

  /**
   * Stops handing out requests at once, then aborts those in flight. Returns the ended count at the
   * moment it stopped, the same on every call; undefined when every request had already ended, in
   * which case the run finishes as it was going to.
   */
  cancel(): number | undefined {
    if (this.doneAtCancel !== undefined) return this.doneAtCancel
    if (this.activeSlots === 0) return undefined
    this.doneAtCancel = this.tally.done
    this.endSlots(this.schedule.stop())
    const reason = new RunCancelledError()
    for (const slot of this.slots) slot.abort(reason)
    // Also fails whatever still waits for a connection, and closes the sockets.
    this.connections.destroy(reason).catch(reportCloseFailure)
    return this.doneAtCancel
  }

  slotFree(slot: RequestSlot): void {
    if (!this.schedule.assign(slot)) this.endSlots([slot])
  }

  private scheduleFor(plan: RunPlan): RequestSchedule {
    const limit = plan.totalRequests ?? Infinity
    const shape = this.shape
    if (plan.ratePerSecond !== undefined) {
      const arrivals = shape ? new RampingArrivals(shape.start, shape.stages) : new ConstantArrivals(plan.ratePerSecond)
      return new OpenSchedule(arrivals, limit, this.lengthMs ?? Infinity)
    }
    if (shape) return new RampingConnectionsSchedule(shape.start, shape.stages, limit, this.connections, this.slots)
    return new ClosedSchedule(limit)
  }

  /** Node's timers run on the event loop's millisecond clock and may fire a little early: check. */
  private endAfter(delayMs: number): void {
    this.durationTimer = setTimeout(() => {
      const left = (this.lengthMs ?? 0) - (performance.now() - this.startedAt)
      if (left > 0) this.endAfter(left)
      else this.endSlots(this.schedule.end())
    }, delayMs)
  }

  private endSlots(slots: RequestSlot[]): void {
    for (const slot of slots) slot.close()
    this.activeSlots -= slots.length
    if (slots.length > 0 && this.activeSlots === 0) this.finish()
  }

  private finish(): void {
    clearTimeout(this.durationTimer)
    const cancelled = this.doneAtCancel !== undefined
    const result: RunResult = {
      ...this.snapshot(),
      outcome: cancelled ? 'cancelled' : 'finished',
      ...this.tally.encodedHistograms()
    }
    this.finished = true
    this.monitor.stop()
    // Nothing is in flight any more: close() and destroy() both just close idle sockets.
    const closing = cancelled ? this.connections.destroy() : this.connections.close()
    closing.catch(reportCloseFailure).finally(() => this.resolveEnded(result))
  }
}


function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

function reportCloseFailure(error: unknown): void {
  console.error('engine: closing the connections failed:', error)
}
