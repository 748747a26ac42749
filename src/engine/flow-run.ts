import type { CompiledFlow } from '../shared/flow/compile-flow'
import { WHOLE_STRIPE } from '../shared/flow/row-stripe'
import type { IterationFailure, IterationTally } from '../shared/flow/step-results'
import { peakTarget, targetAt } from '../shared/load-shape'
import { runLengthMs, shapeOf, type RunPlan } from '../shared/run-plan'
import { SNAPSHOT_INTERVAL_MS, type RunInterval } from '../shared/run-interval'
import type { RunResult, RunSnapshot } from '../shared/run-snapshot'
import { RunCancelledError } from './abort-reason'
import { ClosedSchedule } from './closed-schedule'
import { ConstantArrivals } from './constant-arrivals'
import { loadDataRows, type DataRows } from './data-rows'
import { GeneratorMonitor } from './generator-monitor'
import { createLatencyHistogram, encodeHistogram, summarizeInMs } from './latency-histogram'
import { OpenConnections } from './open-connections'
import { OpenSchedule } from './open-schedule'
import { RampingArrivals } from './ramping-arrivals'
import { RampingConnectionsSchedule } from './ramping-connections-schedule'
import type { RequestSchedule } from './request-schedule'
import { RunTally } from './run-tally'
import { StepTally } from './step-tally'
import { VirtualUser, type VirtualUserHost } from './virtual-user'

/**
 * A flow's run: LoadRun's counterpart (./load-run.ts), which a plan without a flow runs untouched.
 * One virtual user per connection (./virtual-user.ts) asks the run's schedule for its next
 * iteration, as a slot asks for its next request: the closed model's users loop, the open model's
 * iterations fall due at the rate (the first step's latency counts from the due time), a shape of
 * connections is a shape of virtual users. The run's request figures (RunTally) are the sum over
 * the steps; each step keeps its own (StepTally); iterations are counted here.
 */
export class FlowRun implements VirtualUserHost {
  readonly tally: RunTally
  readonly steps: StepTally[]
  readonly recordsRawLatency: boolean
  startedAt = 0
  finished = false
  private readonly users: VirtualUser[] = []
  private readonly openConnections = new OpenConnections()
  private readonly monitor = new GeneratorMonitor()
  private readonly lengthMs: number | undefined
  private readonly shape: ReturnType<typeof shapeOf>
  private readonly stripe
  private schedule!: RequestSchedule<VirtualUser>
  private rows: DataRows | undefined
  private activeUsers = 0
  private lastTick = 0
  private lastIntervalEndMs = 0
  private durationTimer: NodeJS.Timeout | undefined
  private doneAtCancel: number | undefined
  private readonly closing = new Set<Promise<void>>()
  // Iterations.
  private started = 0
  private completed = 0
  private failed = 0
  private readonly failedBy: Partial<Record<IterationFailure, number>> = {}
  private readonly durations = createLatencyHistogram()
  private limit = Infinity
  private readonly ended: Promise<RunResult>
  private resolveEnded!: (result: RunResult) => void

  constructor(
    readonly runId: number,
    readonly plan: RunPlan,
    readonly flow: CompiledFlow
  ) {
    this.recordsRawLatency = plan.ratePerSecond !== undefined
    this.tally = new RunTally({ rawLatency: this.recordsRawLatency })
    this.steps = flow.steps.map((step) => new StepTally(step.name, step.checks.map((check) => check.text)))
    this.lengthMs = runLengthMs(plan)
    this.shape = shapeOf(plan)
    this.stripe = plan.flow?.stripe ?? WHOLE_STRIPE
    const userCount = this.shape?.unit === 'connections' ? peakTarget(this.shape.start, this.shape.stages) : plan.concurrency
    const count = Math.min(userCount, plan.iterations ?? Infinity)
    for (let index = 0; index < count; index++) {
      this.users.push(new VirtualUser(this, index, this.stripe.offset + index * this.stripe.step, (client) => this.openConnections.watch(client)))
    }
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve))
  }

  /** Reads this engine's stripe of the data file, if any: before start(), which needs the rows. */
  async prepare(): Promise<void> {
    const data = this.plan.flow?.data
    if (data) this.rows = await loadDataRows(data, this.stripe)
    this.limit = this.plan.iterations ?? Infinity
    // Each row of a unique file goes to one iteration: the rows on this engine's stripe bound its count.
    if (data?.order === 'unique' && this.rows) this.limit = Math.min(this.limit, this.rows.count)
    this.schedule = this.scheduleFor(this.plan)
  }

  start(): Promise<RunResult> {
    this.startedAt = performance.now()
    this.monitor.start()
    this.schedule.begin(this.startedAt, (users) => this.endUsers(users))
    this.activeUsers = this.users.length
    if (this.lengthMs !== undefined) this.endAfter(this.lengthMs)
    if (this.users.length === 0 || this.limit === 0 || this.doneAtCancel !== undefined) {
      this.activeUsers = 0
      this.finish()
    } else for (const user of this.users) this.slotFree(user)
    return this.ended
  }

  iterationStarted(values: Array<string | undefined>): number {
    const local = this.started++
    const rows = this.rows
    if (rows && rows.count > 0) {
      const order = this.plan.flow?.data?.order
      const row = order === 'random' ? Math.floor(Math.random() * rows.count) : local % rows.count
      rows.fill(row, values, this.flow.dataSlots)
    }
    return this.stripe.offset + local * this.stripe.step
  }

  iterationEnded(failure: IterationFailure | undefined, durationMicros: number): void {
    if (failure === undefined) {
      this.completed++
      this.durations.recordValue(durationMicros)
      return
    }
    this.failed++
    this.failedBy[failure] = (this.failedBy[failure] ?? 0) + 1
  }

  slotFree(user: VirtualUser): void {
    if (!this.schedule.assign(user)) this.endUsers([user])
  }

  snapshot(): RunSnapshot {
    const now = performance.now()
    const elapsedMs = now - this.startedAt
    const interval = this.closeInterval(now, elapsedMs)
    const steps = this.steps.map((step) => step.snapshot())
    return {
      ...this.tally.snapshot(this.runId, 0, elapsedMs),
      intervals: [interval],
      steps,
      iterations: this.iterationTally(),
      checks: this.checkTotals()
    }
  }

  cancel(): number | undefined {
    if (this.doneAtCancel !== undefined) return this.doneAtCancel
    // Still reading its rows: start() will end the run at once, having sent nothing.
    if (this.startedAt === 0) return (this.doneAtCancel = 0)
    if (this.activeUsers === 0) return undefined
    this.doneAtCancel = this.tally.done
    this.endUsers(this.schedule.stop())
    const reason = new RunCancelledError()
    for (const user of this.users) user.abort(reason)
    return this.doneAtCancel
  }

  private iterationTally(): IterationTally {
    const rowsUsedUp =
      this.plan.flow?.data?.order === 'unique' && this.rows !== undefined && this.started >= this.rows.count && this.rows.count < (this.plan.iterations ?? Infinity)
    return {
      started: this.started,
      completed: this.completed,
      failed: this.failed,
      failedBy: { ...this.failedBy },
      ...(rowsUsedUp ? { rowsUsedUp: true } : {}),
      durationMs: summarizeInMs(this.durations)
    }
  }

  private checkTotals(): { passed: number; failed: number } {
    let passed = 0
    let failed = 0
    for (const step of this.steps) {
      const totals = step.checkTotals()
      passed += totals.passed
      failed += totals.failed
    }
    return { passed, failed }
  }

  private scheduleFor(plan: RunPlan): RequestSchedule<VirtualUser> {
    const shape = this.shape
    if (plan.ratePerSecond !== undefined) {
      const arrivals = shape ? new RampingArrivals(shape.start, shape.stages) : new ConstantArrivals(plan.ratePerSecond)
      return new OpenSchedule<VirtualUser>(arrivals, this.limit, this.lengthMs ?? Infinity)
    }
    if (shape) {
      const users = this.users
      const connections = {
        all: users.map((user) => user.connection),
        retire: (connection: VirtualUser['connection']): void => this.track(users[connection.index].retire()),
        // A retired user's next step opens its connection again.
        reopen: (): void => {}
      }
      return new RampingConnectionsSchedule<VirtualUser>(shape.start, shape.stages, this.limit, connections, users)
    }
    return new ClosedSchedule<VirtualUser>(this.limit)
  }

  private closeInterval(now: number, elapsedMs: number): RunInterval {
    const tick = Math.max(this.lastTick + 1, Math.round(elapsedMs / SNAPSHOT_INTERVAL_MS))
    const startMs = this.lastIntervalEndMs
    this.lastTick = tick
    this.lastIntervalEndMs = elapsedMs
    const pace = this.schedule?.samplePace?.(now)
    return {
      tick,
      startMs,
      endMs: elapsedMs,
      ...this.tally.closeInterval(),
      ...(pace ? { due: pace.due } : {}),
      activeConnections: this.openConnections.count,
      ...(this.shape ? { target: targetAt(this.shape.start, this.shape.stages, elapsedMs) } : {}),
      health: { ...this.monitor.sample(), ...(pace ? { behindScheduleMs: Math.round(pace.behindScheduleMs * 10) / 10 } : {}) }
    }
  }

  private endAfter(delayMs: number): void {
    this.durationTimer = setTimeout(() => {
      const left = (this.lengthMs ?? 0) - (performance.now() - this.startedAt)
      if (left > 0) this.endAfter(left)
      else this.endUsers(this.schedule.end())
    }, delayMs)
  }

  private endUsers(users: VirtualUser[]): void {
    for (const user of users) user.close()
    this.activeUsers -= users.length
    if (users.length > 0 && this.activeUsers === 0) this.finish()
  }

  private track(closing: Promise<void>): void {
    const settled = closing.catch(reportCloseFailure)
    this.closing.add(settled)
    void settled.finally(() => this.closing.delete(settled))
  }

  private finish(): void {
    clearTimeout(this.durationTimer)
    const cancelled = this.doneAtCancel !== undefined
    const snapshot = this.snapshot()
    const result: RunResult = {
      ...snapshot,
      outcome: cancelled ? 'cancelled' : 'finished',
      ...this.tally.encodedHistograms(),
      steps: this.steps.map((step) => step.result()),
      iterations: { ...this.iterationTally(), histogram: encodeHistogram(this.durations) }
    }
    this.finished = true
    this.monitor.stop()
    const closing = this.users.map((user) => (cancelled ? user.destroy() : user.retire()))
    Promise.all([...closing, ...this.closing])
      .catch(reportCloseFailure)
      .finally(() => this.resolveEnded(result))
  }
}

function reportCloseFailure(error: unknown): void {
  console.error('engine: closing the connections failed:', error)
}
