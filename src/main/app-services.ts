import type { FromDemoTarget, FromEngine, ToEngine } from '../shared/engine-protocol'
import { DemoTarget } from './demo-target'
import type { SpawnProcess } from './process-channel'
import { createRequestHandlers, type RequestHandlers } from './request-handlers'
import { RunController } from './run-controller'
import { defaultWorkerCount } from './worker-count'

export interface ServiceSpawners {
  engine: SpawnProcess<ToEngine, FromEngine>
  demoTarget: SpawnProcess<never, FromDemoTarget>
}

export interface AppServices {
  controller: RunController
  demoTarget: DemoTarget
  handlers: RequestHandlers
  /** Ends the engine and demo target processes; resolves once both have exited. */
  dispose(): Promise<void>
}

/**
 * Everything main does apart from windows and IPC, wired once. Free of Electron imports, so the
 * app (utility processes) and the Chromium end-to-end tests (Node children) build the same thing.
 */
export function createAppServices(
  spawn: ServiceSpawners,
  options: { progressIntervalMs?: number; workers?: number } = {}
): AppServices {
  const controller = new RunController({
    spawnEngine: spawn.engine,
    workers: options.workers ?? defaultWorkerCount(),
    progressIntervalMs: options.progressIntervalMs
  })
  const demoTarget = new DemoTarget(spawn.demoTarget)
  return {
    controller,
    demoTarget,
    handlers: createRequestHandlers({ controller, demoTarget }),
    dispose: async () => {
      await Promise.all([controller.dispose(), demoTarget.dispose()])
    }
  }
}
