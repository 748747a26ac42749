import { classifyOutcomes, errorRate } from '../../../shared/request-outcomes'
import { runLengthMs } from '../../../shared/run-plan'
import type { RunNotice } from './run-notice'
import { isActivePhase, type RunPhase, type RunSlice } from './run-slice'

export const selectPhase = (state: RunSlice): RunPhase => state.phase
export const selectRunIsActive = (state: RunSlice): boolean => isActivePhase(state.phase)
export const selectNotice = (state: RunSlice): RunNotice | undefined => state.notice
export const selectHasSnapshot = (state: RunSlice): boolean => state.snapshot !== undefined

/**
 * Use with useShallow: changes only when the bar would. A run with a request count shows requests
 * ended of those planned, a flow with a count of iterations the iterations ended of those; one that
 * only the clock ends (a duration, or the end of its stages) shows the time elapsed against its
 * length, since it has no count to go by.
 */
export const selectProgress = (state: RunSlice) => {
  const plan = state.runPlan
  const outcome = state.phase === 'ended' ? state.result?.outcome : undefined
  if (plan?.flow && plan.iterations !== undefined) {
    const iterations = state.snapshot?.iterations
    const ended = iterations ? iterations.completed + iterations.failed : 0
    return { runId: state.runId, measure: 'iterations' as const, done: ended, total: plan.iterations, outcome }
  }
  const lengthMs = plan?.totalRequests === undefined && plan ? runLengthMs(plan) : undefined
  const byTime = lengthMs !== undefined
  return {
    runId: state.runId,
    measure: byTime ? ('time' as const) : ('requests' as const),
    done: (byTime ? state.snapshot?.elapsedMs : state.snapshot?.done) ?? 0,
    total: byTime ? lengthMs : (state.snapshot?.total ?? 0),
    outcome
  }
}

/** Use with useShallow. The outcome classes and the error rate are src/shared/request-outcomes.ts's. */
export const selectThroughput = (state: RunSlice) => {
  const snapshot = state.snapshot
  const outcomes = snapshot ? classifyOutcomes(snapshot) : undefined
  return {
    requestsPerSecond: snapshot?.requestsPerSecond ?? 0,
    elapsedMs: snapshot?.elapsedMs ?? 0,
    ok: outcomes?.ok ?? 0,
    clientOrServerError: outcomes?.clientOrServerError ?? 0,
    failed: outcomes?.failed ?? 0,
    errorRate: outcomes ? errorRate(outcomes) : 0,
    bytesRead: snapshot?.bytesRead ?? 0
  }
}

export const selectDone = (state: RunSlice): number => state.snapshot?.done ?? 0
export const selectLatency = (state: RunSlice) => state.snapshot?.latencyMs
export const selectStatusCodes = (state: RunSlice) => state.snapshot?.statusCodes
export const selectErrorKinds = (state: RunSlice) => state.snapshot?.errorKinds
export const selectErrorExamples = (state: RunSlice) => state.snapshot?.errorExamples
