import type { FromDemoTarget, FromEngine, ToEngine } from '../shared/engine-protocol'
import { DemoTargetProcess } from '../control/demo-target-process'
import type { ProcessSpawner } from '../control/process-channel'
import { LastRun } from '../control/last-run'
import { HistoryStore } from '../control/history/history-store'
import { runOfApp } from '../control/history/runs-to-keep'
import { NO_DESTINATIONS, type FileDestinations } from './file-destinations'
import { LastPlanFile } from './last-plan-file'
import type { RequestHandlers } from './handler-contract'
import { createRequestHandlers } from './request-handlers'
import { RunController } from '../control/run-controller'
import { defaultWorkerCount } from '../control/worker-count'

export interface ProcessSpawners {
  engine: ProcessSpawner<ToEngine, FromEngine>
  demoTarget: ProcessSpawner<never, FromDemoTarget>
}

export interface AppBackend {
  controller: RunController
  demoTarget: DemoTargetProcess
  handlers: RequestHandlers
  history: HistoryStore
  /** Ends the engine and demo target processes (resolves once both have exited) and closes the history. */
  dispose(): Promise<void>
}

/**
 * Everything main does apart from windows and IPC, wired once. Free of Electron imports, so the
 * app (utility processes) and the Chromium end-to-end tests (Node children) build the same thing.
 */
export interface AppBackendOptions {
  /** Where the app keeps what it remembers (the last plan, the run history): Electron's user-data folder, a temporary one in tests. */
  dataFolder: string
  progressIntervalMs?: number
  workers?: number
  destinations?: FileDestinations
}

export function createAppBackend(spawn: ProcessSpawners, options: AppBackendOptions): AppBackend {
  const workers = options.workers ?? defaultWorkerCount()
  const controller = new RunController({
    spawnEngine: spawn.engine,
    workers,
    progressIntervalMs: options.progressIntervalMs
  })
  // Before anything else listens to the controller: the report is ready when the window hears of the end.
  const lastRun = new LastRun(controller, workers)
  const history = HistoryStore.open(options.dataFolder)
  // Stored as the run ends, before the window hears of it: its list is current when it refreshes on `done`.
  lastRun.onFinished((run) => {
    try {
      history.storeRun(runOfApp(run))
    } catch {
      // The history's status says why (unavailable, locked, damaged); the run's results are still shown.
    }
  })
  const demoTarget = new DemoTargetProcess(spawn.demoTarget)
  const destinations = options.destinations ?? NO_DESTINATIONS
  return {
    controller,
    demoTarget,
    handlers: createRequestHandlers({
      controller,
      demoTarget,
      lastRun,
      destinations,
      lastPlan: new LastPlanFile(options.dataFolder),
      history
    }),
    history,
    dispose: async () => {
      await Promise.all([controller.dispose(), demoTarget.dispose()])
      history.close()
    }
  }
}
