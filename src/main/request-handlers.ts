import type { RequestName, Requests } from '../shared/ipc'
import { checkRunPlan } from '../shared/validation'
import type { DemoTargetProcess } from '../control/demo-target-process'
import type { RunController } from '../control/run-controller'
import type { LastPlanFile } from './last-plan-file'

/** Main's side of every request in the contract, ready to be served over IPC or a test bridge. */
export type RequestHandlers = {
  [K in RequestName]: (...args: Parameters<Requests[K]>) => Promise<ReturnType<Requests[K]>>
}

export interface RequestHandlerDependencies {
  controller: RunController
  demoTarget: DemoTargetProcess
  lastPlan: LastPlanFile
}

/**
 * Everything here arrives from the renderer, which is not trusted: a plan is judged by the one
 * validation module before it can reach the engine, and a call with stray arguments is refused.
 */
export function createRequestHandlers({ controller, demoTarget, lastPlan }: RequestHandlerDependencies): RequestHandlers {
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
    },
    loadLastPlan: async (...extra: unknown[]) => {
      refuseExtraArguments('loadLastPlan', 0, extra)
      return lastPlan.load()
    },
    saveLastPlan: async (plan: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('saveLastPlan', 1, extra)
      const check = checkRunPlan(plan)
      if (!check.ok) return { saved: false, message: 'Not a valid plan: it was not remembered.' }
      try {
        await lastPlan.save(check.plan)
        return { saved: true }
      } catch (error) {
        return { saved: false, message: `The plan could not be remembered: ${(error as Error).message}` }
      }
    }
  }
}

function refuseExtraArguments(name: RequestName, expected: number, extra: unknown[]): void {
  if (extra.length > 0) {
    throw new TypeError(`${name} takes ${expected} argument(s), got ${expected + extra.length}.`)
  }
}
