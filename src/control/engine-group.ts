import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import type { RunPlan } from '../shared/run-plan'
import type { RunResult, RunSnapshot } from '../shared/run-snapshot'
import { EngineProcess } from './engine-process'
import { splitPlan } from './plan-shares'
import { workersAskedFor } from './worker-count'
import type { ProcessExit, ProcessSpawner } from './process-channel'
import { mergeResults, mergeSnapshots } from './run-merge'
import { Listeners } from './listeners'
import { WorkerIntervals } from './worker-intervals'

/** One engine process's part of the run going. */
interface Part {
  latest: RunSnapshot | undefined
  /** The ended count its cancel acknowledgement gave. */
  acked: number | undefined
  result: RunResult | undefined
}

interface GroupRun {
  runId: number
  total: number
  parts: Part[]
  /** The parts' intervals, merged tick by tick once every part has reported it. */
  intervals: WorkerIntervals
  cancelAcked: boolean
}

/**
 * Several engine processes, each with its own event loop and connections, seen by the controller as
 * one engine speaking engine-protocol.ts: a start is split between them (./plan-shares.ts), their
 * snapshots and results are merged into one (./run-merge.ts), a cancel is acknowledged once every
 * part has stopped. If one dies mid-run the others are stopped too, and the run is reported crashed.
 */
export class EngineGroup {
  private readonly engines: EngineProcess[] = []
  private run: GroupRun | undefined
  private readonly messageListeners = new Listeners<FromEngine>()
  private readonly exitListeners = new Listeners<ProcessExit>()

  /**
   * `defaultWorkers` splits a plan that names no worker count; a plan's own `workers` (at most
   * PLAN_LIMITS.workers) splits that run. Processes are spawned on first use and kept for later runs,
   * up to the default; those only a larger run needed are stopped when a smaller one starts.
   */
  constructor(
    private readonly spawn: ProcessSpawner<ToEngine, FromEngine>,
    private readonly defaultWorkers: number
  ) {}

  onMessage(listener: (message: FromEngine) => void): () => void {
    return this.messageListeners.add(listener)
  }

  onExit(listener: (exit: ProcessExit) => void): () => void {
    return this.exitListeners.add(listener)
  }

  /**
   * Resolves once the engine processes `plan` will be split between are up, spawning those that are
   * not: a run with fewer connections than workers leaves the rest unspawned.
   */
  async ready(plan: RunPlan): Promise<void> {
    const workers = workersAskedFor(plan, this.defaultWorkers)
    const needed = splitPlan(plan, workers).length
    while (this.engines.length < needed) this.addEngine()
    const spare = this.engines.slice(Math.max(workers, this.defaultWorkers))
    await Promise.all([
      ...this.engines.slice(0, needed).map((engine) => engine.ready()),
      ...spare.map((engine) => engine.stop())
    ])
  }

  /** Call after ready(). */
  post(message: ToEngine): void {
    if (message.type === 'start') return this.start(message.runId, message)
    const run = this.run
    if (!run || run.runId !== message.runId) return
    run.parts.forEach((part, index) => {
      if (!part.result) this.engines[index].post(message)
    })
  }

  async dispose(): Promise<void> {
    this.run = undefined
    await Promise.all(this.engines.map((engine) => engine.dispose()))
  }

  private addEngine(): void {
    const index = this.engines.length
    const engine = new EngineProcess(this.spawn)
    engine.onMessage((message) => this.handleMessage(index, message))
    engine.onExit((exit) => this.handleExit(index, exit))
    this.engines.push(engine)
  }

  private start(runId: number, { plan, startAtMs }: Extract<ToEngine, { type: 'start' }>): void {
    const shares = splitPlan(plan, workersAskedFor(plan, this.defaultWorkers))
    this.run = {
      runId,
      total: plan.totalRequests ?? 0,
      parts: shares.map(() => ({ latest: undefined, acked: undefined, result: undefined })),
      intervals: new WorkerIntervals(shares.length),
      cancelAcked: false
    }
    shares.forEach((share, index) =>
      this.engines[index].post({ type: 'start', runId, plan: share, ...(startAtMs === undefined ? {} : { startAtMs }) })
    )
  }

  private handleMessage(index: number, message: FromEngine): void {
    const run = this.run
    if (message.type === 'ready' || !run) return
    const part = run.parts[index]
    if (!part) return
    switch (message.type) {
      case 'progress':
        if (message.snapshot.runId !== run.runId) return
        part.latest = message.snapshot
        run.intervals.add(index, message.snapshot.intervals)
        return this.emit({ type: 'progress', snapshot: this.mergedSnapshot(run) })
      case 'cancelled':
        if (message.runId !== run.runId) return
        part.acked = message.done
        return this.reportCancelIfAllStopped(run)
      case 'result':
        if (message.result.runId !== run.runId) return
        part.result = message.result
        part.latest = message.result
        run.intervals.add(index, message.result.intervals)
        run.intervals.finish(index)
        this.reportCancelIfAllStopped(run)
        if (run.parts.every((each) => each.result)) {
          this.run = undefined
          const results = run.parts.map((each) => each.result as RunResult)
          const result = mergeResults(run.runId, run.total, results)
          this.emit({ type: 'result', result: { ...result, intervals: run.intervals.takeComplete() } })
        }
        return
      case 'fatal':
        // The part is gone (its exit follows) and the run cannot be whole: end it, stop the others.
        this.run = undefined
        this.emit(message)
        this.stopAllBut(index)
        return
      case 'rejected':
        if (message.runId !== run.runId) return
        // The run is over for the controller: the other parts are cancelled, their messages unheard.
        this.run = undefined
        this.emit(message)
        run.parts.forEach((other, otherIndex) => {
          if (otherIndex !== index && !other.result) this.engines[otherIndex].post({ type: 'cancel', runId: run.runId })
        })
        return
    }
  }

  /** The acknowledgement goes out once, when every part has stopped and at least one was cancelled. */
  private reportCancelIfAllStopped(run: GroupRun): void {
    if (run.cancelAcked || !run.parts.some((part) => part.acked !== undefined)) return
    if (!run.parts.every((part) => part.acked !== undefined || part.result)) return
    run.cancelAcked = true
    let done = 0
    for (const part of run.parts) done += part.acked ?? (part.result as RunResult).done
    this.emit({ type: 'cancelled', runId: run.runId, done })
  }

  private handleExit(index: number, exit: ProcessExit): void {
    const run = this.run
    if (run && run.parts[index] && !run.parts[index].result) {
      // The run cannot be whole any more: stop the other parts rather than let them run on unseen.
      this.run = undefined
      this.stopAllBut(index)
    }
    this.exitListeners.emit(exit)
  }

  private stopAllBut(index: number): void {
    this.engines.forEach((engine, other) => {
      if (other !== index) void engine.stop()
    })
  }

  /** The parts' latest figures summed, with the intervals completed since the last. */
  private mergedSnapshot(run: GroupRun): RunSnapshot {
    const parts = run.parts.flatMap((part) => (part.latest ? [part.latest] : []))
    const merged = parts.length === 1 && run.parts.length === 1 ? parts[0] : mergeSnapshots(run.runId, run.total, parts)
    return { ...merged, intervals: run.intervals.takeComplete() }
  }

  private emit(message: FromEngine): void {
    this.messageListeners.emit(message)
  }
}
