import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import type { CancelRunReply, StartRunReply, Unsubscribe } from '../shared/ipc'
import type { RunPlan } from '../shared/run-plan'
import { withoutHistograms, type RunInterval } from '../shared/run-interval'
import { crashMessage, emptySnapshot, type RunResult, type RunSnapshot } from '../shared/run-snapshot'
import { BoundedSeries } from './bounded-series'
import { EngineGroup } from './engine-group'
import { latencyBins } from './latency-bins'
import type { ProcessExit, ProcessSpawner } from './process-channel'
import { describeExit } from './process-exit'
import { ProgressThrottle } from './progress-throttle'
import { Listeners } from './listeners'

/** Main forwards at most 20 snapshots a second: enough for a smooth bar, cheap for the renderer. */
export const DEFAULT_PROGRESS_INTERVAL_MS = 50

export interface RunControllerOptions {
  spawnEngine: ProcessSpawner<ToEngine, FromEngine>
  /** Engine processes a run is split between unless its plan names its own (see ./engine-group.ts); 1 unless given. */
  workers?: number
  progressIntervalMs?: number
}

interface ActiveRun {
  runId: number
  /** The last snapshot the engine posted: what a crashed run is reported with. */
  latest: RunSnapshot
  /** Every interval of the run, bounded: the result's series. */
  series: BoundedSeries
  /** 'starting' until the start is posted; 'ending' while the final snapshot waits for its slot. */
  phase: 'starting' | 'running' | 'ending'
  cancelRequested: boolean
  cancelWaiters: Array<(reply: CancelRunReply) => void>
}

/**
 * One run at a time, end to end: starts it on the engine process, forwards its snapshots
 * throttled, and ends every run with its final snapshot followed by exactly one done, even when
 * the engine process dies under it.
 *
 * The series: every merged interval goes into the run's BoundedSeries, and each snapshot delivered
 * carries every interval since the previous delivery (coalesced snapshots pool theirs), without
 * their histograms. The done result adds the whole series, the generator's health over the run and
 * the latency histogram's bins.
 */
export class RunController {
  private readonly engines: EngineGroup
  private readonly throttle: ProgressThrottle<RunSnapshot>
  private readonly progressListeners = new Listeners<RunSnapshot>()
  private readonly doneListeners = new Listeners<RunResult>()
  private run: ActiveRun | undefined
  private lastRunId = 0
  private disposed = false

  constructor({ spawnEngine, workers = 1, progressIntervalMs = DEFAULT_PROGRESS_INTERVAL_MS }: RunControllerOptions) {
    this.engines = new EngineGroup(spawnEngine, workers)
    this.throttle = new ProgressThrottle(
      progressIntervalMs,
      (snapshot) => this.progressListeners.emit(snapshot),
      (pending, next) => ({ ...next, intervals: [...pending.intervals, ...next.intervals] })
    )
    this.engines.onMessage((message) => this.handleMessage(message))
    this.engines.onExit((exit) => this.handleExit(exit))
  }

  onProgress(listener: (snapshot: RunSnapshot) => void): Unsubscribe {
    return this.progressListeners.add(listener)
  }

  onDone(listener: (result: RunResult) => void): Unsubscribe {
    return this.doneListeners.add(listener)
  }

  /** The plan must already be valid (see checkRunPlan); the reply comes once the engine took it. */
  async start(plan: RunPlan): Promise<StartRunReply> {
    if (this.disposed) return refusal('Stampede is shutting down.')
    if (this.run) return refusal('A run is already going. Cancel it or wait for it to finish.')
    const runId = ++this.lastRunId
    const run: ActiveRun = {
      runId,
      latest: emptySnapshot(runId, plan.totalRequests ?? 0),
      series: new BoundedSeries(),
      phase: 'starting',
      cancelRequested: false,
      cancelWaiters: []
    }
    this.run = run
    try {
      await this.engines.ready(plan)
    } catch (error) {
      if (this.run === run) this.run = undefined
      settleCancel(run, { cancelled: false, done: 0 })
      return refusal(`The engine could not start. ${(error as Error).message}`)
    }
    if (this.run !== run) return refusal('Stampede is shutting down.')
    run.phase = 'running'
    this.engines.post({ type: 'start', runId, plan })
    this.throttle.push(run.latest)
    if (run.cancelRequested) this.engines.post({ type: 'cancel', runId })
    return { ok: true, runId }
  }

  /** Resolves once the engine acknowledged (no request starts after that), or at once when nothing runs. */
  cancel(): Promise<CancelRunReply> {
    const run = this.run
    if (!run || run.phase === 'ending') return Promise.resolve({ cancelled: false, done: run?.latest.done ?? 0 })
    return new Promise((resolve) => {
      run.cancelWaiters.push(resolve)
      if (run.cancelRequested) return
      run.cancelRequested = true
      // A run still waiting for the engine gets its cancel right after its start (see start()).
      if (run.phase === 'running') this.engines.post({ type: 'cancel', runId: run.runId })
    })
  }

  /** Kills the engine process and resolves once it has exited; no done follows. */
  async dispose(): Promise<void> {
    this.disposed = true
    this.throttle.cancel()
    const run = this.run
    this.run = undefined
    if (run) settleCancel(run, { cancelled: false, done: run.latest.done })
    this.progressListeners.clear()
    this.doneListeners.clear()
    await this.engines.dispose()
  }

  private handleMessage(message: FromEngine): void {
    switch (message.type) {
      case 'progress': {
        const run = this.runningRun(message.snapshot.runId)
        if (!run) return
        run.latest = message.snapshot
        run.series.add(message.snapshot.intervals)
        this.throttle.push({ ...message.snapshot, intervals: forWindow(message.snapshot.intervals) })
        return
      }
      case 'cancelled': {
        const run = this.runningRun(message.runId)
        if (run) settleCancel(run, { cancelled: true, done: message.done })
        return
      }
      case 'result': {
        const run = this.runningRun(message.result.runId)
        if (!run) return
        run.series.add(message.result.intervals)
        void this.end(run, message.result)
        return
      }
      case 'fatal': {
        // An engine's own bug, said before it exits: the run ends now, with the engine's words.
        const run = this.run
        if (run?.phase === 'running') {
          void this.end(run, { ...run.latest, outcome: 'crashed', message: crashMessage(`it failed inside: ${message.message}`) })
        }
        return
      }
      case 'rejected': {
        const run = this.runningRun(message.runId)
        const text = `The engine refused the run: ${message.message}`
        if (run) void this.end(run, { ...run.latest, intervals: [], outcome: 'crashed', message: text })
        return
      }
    }
  }

  private handleExit(exit: ProcessExit): void {
    const run = this.run
    if (!run || run.phase !== 'running') return
    // The last snapshot's intervals were delivered with it: the crash adds none.
    void this.end(run, { ...run.latest, intervals: [], outcome: 'crashed', message: crashMessage(describeExit(exit)) })
  }

  /** Messages for an old run id (or after the result) are stale: they change nothing. */
  private runningRun(runId: number): ActiveRun | undefined {
    const run = this.run
    return run && run.runId === runId && run.phase === 'running' ? run : undefined
  }

  /** `result.intervals` are those not yet in the series' deliveries: the engine's last, or none. */
  private async end(run: ActiveRun, result: RunResult): Promise<void> {
    run.phase = 'ending'
    settleCancel(run, { cancelled: false, done: result.done })
    const intervals = forWindow(result.intervals)
    const {
      outcome: _outcome,
      message: _message,
      histogram: _histogram,
      ttfbHistogram: _ttfbHistogram,
      rawLatencyHistogram: _rawLatencyHistogram,
      steps,
      iterations,
      ...finalSnapshot
    } = result
    // A flow's histograms are for the merges too: the window's last snapshot gets its figures alone.
    const flow = steps
      ? {
          steps: steps.map(({ histogram: _h, ttfbHistogram: _t, ...step }) => step),
          ...(iterations ? { iterations: (({ histogram: _i, ...tally }) => tally)(iterations) } : {})
        }
      : {}
    this.throttle.push({ ...finalSnapshot, ...flow, intervals })
    await this.throttle.flush()
    if (this.run !== run) return
    this.run = undefined
    this.doneListeners.emit({
      ...result,
      intervals,
      series: run.series.series(),
      health: run.series.healthSummary(),
      latencyBins: latencyBins(result.histogram)
    })
  }
}

/** The window gets intervals without their histograms: those are for the merges in src/control. */
function forWindow(intervals: readonly RunInterval[]): RunInterval[] {
  return intervals.map(withoutHistograms)
}

function refusal(message: string): StartRunReply {
  return { ok: false, errors: {}, message }
}

function settleCancel(run: ActiveRun, reply: CancelRunReply): void {
  for (const resolve of run.cancelWaiters.splice(0)) resolve(reply)
}

