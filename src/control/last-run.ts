import type { RunPlan } from '../shared/run-plan'
import type { RunResult } from '../shared/run-snapshot'
import { buildRunReport, type RunReport } from '../shared/report/run-report'
import type { Threshold } from '../shared/thresholds'
import { splitPlan } from './plan-shares'
import { workersAskedFor } from './worker-count'
import type { RunController } from './run-controller'

interface StartedRun {
  runId: number
  plan: RunPlan
  thresholds: readonly Threshold[]
  /** Engine processes the run is split between. */
  workers: number
  startedAt: Date
}

export interface FinishedRun extends StartedRun {
  report: RunReport
}

/**
 * The last run that ended, with what it was started with, so main can export its report (the one
 * report of src/shared/report) after the fact. Listens from its construction, before anyone else
 * hears of a run's end, so the report is ready by the time the window learns the run is done.
 */
export class LastRun {
  private started: StartedRun | undefined
  private finishedRun: FinishedRun | undefined

  constructor(
    controller: RunController,
    private readonly configuredWorkers: number
  ) {
    controller.onDone((result) => this.ended(result))
  }

  /** The controller accepted the run: remember what it was asked to do. */
  start(runId: number, plan: RunPlan, thresholds: readonly Threshold[], startedAt = new Date()): void {
    const workers = splitPlan(plan, workersAskedFor(plan, this.configuredWorkers)).length
    this.started = { runId, plan, thresholds, workers, startedAt }
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
  }
}
