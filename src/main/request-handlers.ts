import { parseThresholdList, withStepThresholds } from '../shared/thresholds'
import { checkRunPlan } from '../shared/validation'
import type { DemoTargetProcess } from '../control/demo-target-process'
import type { LastRun } from '../control/last-run'
import type { RunController } from '../control/run-controller'
import type { FileDestinations } from './file-destinations'
import { createReportExport } from './report-export'
import type { LastPlanFile } from './last-plan-file'
import { checkFiledUnder, createHistoryHandlers } from './history-handlers'
import type { HistoryStore } from '../control/history/history-store'
import { createTestFileHandlers } from './test-file-handlers'
import { refuseExtraArguments, type RequestHandlers } from './handler-contract'
import { createFlowHandlers } from './flow-handlers'
import { createImportHandlers } from './import-handlers'

export interface RequestHandlerDependencies {
  controller: RunController
  demoTarget: DemoTargetProcess
  lastRun: LastRun
  destinations: FileDestinations
  lastPlan: LastPlanFile
  history: HistoryStore
}

/**
 * Everything here arrives from the renderer, which is not trusted: a plan is judged by the one
 * validation module and thresholds by the one parser before either can reach the engine, and a call
 * with stray arguments is refused.
 */
export function createRequestHandlers({
  controller,
  demoTarget,
  lastRun,
  destinations,
  lastPlan,
  history
}: RequestHandlerDependencies): RequestHandlers {
  const reports = createReportExport(lastRun, history, destinations)
  return {
    startRun: async (plan: unknown, thresholds?: unknown, testId?: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('startRun', 3, extra)
      const check = checkRunPlan(plan)
      if (!check.ok) return check
      const typed = parseThresholdList(thresholds)
      const parsed = typed.ok ? withStepThresholds(typed.thresholds, check.plan.flow?.steps) : typed
      if (!parsed.ok) return { ok: false, errors: {}, message: parsed.message }
      const filed = checkFiledUnder(history, testId)
      if (!filed.ok) return { ok: false, errors: {}, message: filed.message }
      const startedAt = new Date()
      const reply = await controller.start(check.plan)
      if (reply.ok) lastRun.start(reply.runId, check.plan, parsed.thresholds, startedAt, filed.testId)
      return reply
    },
    cancelRun: async (...extra: unknown[]) => {
      refuseExtraArguments('cancelRun', 0, extra)
      return controller.cancel()
    },
    startDemoTarget: async (...extra: unknown[]) => {
      refuseExtraArguments('startDemoTarget', 0, extra)
      return { url: await demoTarget.url() }
    },
    lastReport: async (...extra: unknown[]) => {
      refuseExtraArguments('lastReport', 0, extra)
      return reports.lastReport()
    },
    exportReport: async (format: unknown, runId?: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('exportReport', 2, extra)
      return reports.exportReport(format, runId)
    },
    copySummary: async (runId?: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('copySummary', 1, extra)
      return reports.copySummary(runId)
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
    },
    ...createHistoryHandlers(history, destinations),
    ...createTestFileHandlers(destinations),
    ...createImportHandlers(),
    ...createFlowHandlers(destinations)
  }
}
