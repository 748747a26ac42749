import type { RunPlan } from '../shared/run-plan'
import type { RunResult } from '../shared/run-snapshot'
import { buildRunReport, type RunReport } from '../shared/report/run-report'
import type { Threshold } from '../shared/thresholds'
import { splitPlan } from './plan-shares'
import { workersAskedFor } from './worker-count'
import type { RunController } from './run-controller'
import { Listeners } from './listeners'

interface StartedRun {
  runId: number
  plan: RunPlan
  thresholds: readonly Threshold[]
  /** Engine processes the run is split between. */
  workers: number
  startedAt: Date
  /** The saved test the run is filed under, if any. */
  testId?: number
}

export interface FinishedRun extends StartedRun {
  report: RunReport
}

/** What the run history keeps of a finished run: the report and the result it was built from (its histograms). */
export interface FinishedRunWithResult extends FinishedRun {
  result: RunResult
}

/**
 * The last run that ended, with what it was started with, so main can export its report (the one
 * report of src/shared/report) after the fact. Listens from its construction, before anyone else
 * hears of a run's end, so the report is ready by the time the window learns the run is done.
 */
export class LastRun {
  private started: StartedRun | undefined
  private finishedRun: FinishedRun | undefined
  private readonly finishedListeners = new Listeners<FinishedRunWithResult>()

  constructor(
    controller: RunController,
    private readonly configuredWorkers: number
  ) {
    controller.onDone((result) => this.ended(result))
  }

  /** The controller accepted the run: remember what it was asked to do. */
  start(
    runId: number,
    plan: RunPlan,
    thresholds: readonly Threshold[],
    startedAt = new Date(),
    testId?: number
  ): void {
    const workers = splitPlan(plan, workersAskedFor(plan, this.configuredWorkers)).length
    this.started = { runId, plan, thresholds, workers, startedAt, ...(testId === undefined ? {} : { testId }) }
  }

  /**
   * Hears each run started here as it ends, report built, before the controller's later listeners
   * (the window) hear of the end: what is stored then is there when the window asks.
   */
  onFinished(listener: (run: FinishedRunWithResult) => void): () => void {
    return this.finishedListeners.add(listener)
  }

  finished(): FinishedRun | undefined {
    return this.finishedRun
  }

  private ended(result: RunResult): void {
    const started = this.started
    if (!started || started.runId !== result.runId) return
    const report = buildRunReport({
      plan: started.plan,
      result,
      workers: started.workers,
      thresholds: started.thresholds,
      startedAt: started.startedAt.toISOString()
    })
    this.finishedRun = { ...started, report }
    this.finishedListeners.emit({ ...this.finishedRun, result })
  }
}
