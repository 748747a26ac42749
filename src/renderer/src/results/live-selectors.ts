import { healthNotice } from '../../../shared/generator-health'
import { classifyOutcomes, errorRate } from '../../../shared/request-outcomes'
import { intervalEnded, type RunInterval } from '../../../shared/run-interval'
import { shapeOf } from '../../../shared/run-plan'
import { isActivePhase, type RunSlice } from '../run/run-slice'

/** Requests ended a second over the latest intervals: the run's pace now, beside its mean. */
export function currentRate(intervals: readonly RunInterval[]): number {
  let ended = 0
  let spanMs = 0
  for (const interval of intervals) {
    ended += intervalEnded(interval)
    spanMs += Math.max(0, interval.endMs - interval.startMs)
  }
  return spanMs > 0 ? (ended * 1000) / spanMs : 0
}

/**
 * How long the run has left, in ms: the duration left, or the requests left at the current pace,
 * whichever ends it first; undefined when it cannot be told yet (no pace) or the run is over.
 */
export function remainingMs(state: RunSlice): number | undefined {
  const { snapshot, runPlan } = state
  if (!snapshot || !runPlan || !isActivePhase(state.phase)) return undefined
  const candidates: number[] = []
  if (runPlan.durationMs !== undefined) candidates.push(Math.max(0, runPlan.durationMs - snapshot.elapsedMs))
  if (runPlan.totalRequests !== undefined) {
    const pace = currentRate(state.latestIntervals)
    if (pace > 0) candidates.push(((runPlan.totalRequests - snapshot.done) * 1000) / pace)
  }
  return candidates.length > 0 ? Math.min(...candidates) : undefined
}

/** Use with useShallow: the headline tiles while a run goes and after it. */
export const selectHeadline = (state: RunSlice) => {
  const snapshot = state.snapshot
  const outcomes = snapshot ? classifyOutcomes(snapshot) : undefined
  const answered = (outcomes?.completed ?? 0) > 0
  return {
    currentRate: isActivePhase(state.phase) ? currentRate(state.latestIntervals) : undefined,
    meanRate: snapshot?.requestsPerSecond ?? 0,
    p50: answered ? snapshot?.latencyMs.p50 : undefined,
    p99: answered ? snapshot?.latencyMs.p99 : undefined,
    /** Open model only: p99 from the actual send, beside the corrected p99 from the due time. */
    rawP99: answered ? snapshot?.rawLatencyMs?.p99 : undefined,
    openModel: snapshot?.rawLatencyMs !== undefined,
    errorRate: outcomes ? errorRate(outcomes) : 0,
    elapsedMs: snapshot?.elapsedMs ?? 0,
    remainingMs: remainingMs(state)
  }
}

/** The sentence to show while the generator, not the target, limits the run (or the target holds sends back). */
export const selectHealthNotice = (state: RunSlice): string | undefined => {
  if (!isActivePhase(state.phase)) return undefined
  const latest = state.latestIntervals[state.latestIntervals.length - 1]
  return latest ? healthNotice(latest.health) : undefined
}

/** Whether the run on screen is an open-model one (its snapshots carry raw latency). */
export const selectOpenModel = (state: RunSlice): boolean => state.snapshot?.rawLatencyMs !== undefined

/** Whether the run on screen has a shape of connections (closed model): its target is drawn beside the open ones. */
export const selectShapedConnections = (state: RunSlice): boolean =>
  state.runPlan !== undefined && shapeOf(state.runPlan)?.unit === 'connections'
