import type { RequestName, Requests } from '../shared/ipc'
import { checkRunPlan } from '../shared/validation'
import type { DemoTargetProcess } from '../control/demo-target-process'
import type { RunController } from '../control/run-controller'

/** Main's side of every request in the contract, ready to be served over IPC or a test bridge. */
export type RequestHandlers = {
  [K in RequestName]: (...args: Parameters<Requests[K]>) => Promise<ReturnType<Requests[K]>>
}

export interface RequestHandlerDependencies {
  controller: RunController
  demoTarget: DemoTargetProcess
}

/**
 * Everything here arrives from the renderer, which is not trusted: a plan is judged by the one
 * validation module before it can reach the engine, and a call with stray arguments is refused.
 */
export function createRequestHandlers({ controller, demoTarget }: RequestHandlerDependencies): RequestHandlers {
  return {
    startRun: async (plan: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('startRun', 1, extra)
      const check = checkRunPlan(plan)
      if (!check.ok) return check
      return controller.start(check.plan)
    },
    cancelRun: async (...extra: unknown[]) => {
      refuseExtraArguments('cancelRun', 0, extra)
      return controller.cancel()
    },
    startDemoTarget: async (...extra: unknown[]) => {
      refuseExtraArguments('startDemoTarget', 0, extra)
      return { url: await demoTarget.url() }
    }
  }
}

function refuseExtraArguments(name: RequestName, expected: number, extra: unknown[]): void {
  if (extra.length > 0) {
    throw new TypeError(`${name} takes ${expected} argument(s), got ${expected + extra.length}.`)
  }
}
