import { encodeHistogram, summarizeInMs } from '../engine/latency-histogram'
import { classifyOutcomes } from '../shared/request-outcomes'
import type { CheckTotals, IterationTally, StepResult, StepSnapshot } from '../shared/flow/step-results'
import { mergeChecks, mergeIterations, mergeStepResults, mergeStepSnapshots } from './flow-merge'
import { EMPTY_LATENCY, type LatencySummary, type RunResult, type RunSnapshot } from '../shared/run-snapshot'
import { addCounts, firstExamples, mergeHistograms, sum, weightedLatency as weightedBy } from './count-merge'

/**
 * One run's view across its engine processes. Counts add up exactly. The final result merges the
 * workers' HdrHistograms, so its percentiles are exact; a live snapshot carries no histogram (one
 * per tick would cost more than the counting), so its percentiles are the workers' own averaged by
 * response count: a close estimate while the run goes, replaced by the exact figures at the end.
 */
export function mergeSnapshots(runId: number, total: number, parts: readonly RunSnapshot[]): RunSnapshot {
  const elapsedMs = Math.max(0, ...parts.map((part) => part.elapsedMs))
  const done = sum(parts.map((part) => part.done))
  return {
    runId,
    total,
    done,
    statusCodes: addCounts(parts.map((part) => part.statusCodes)) as Record<string, number>,
    errorKinds: addCounts(parts.map((part) => part.errorKinds)),
    ...firstExamples(parts),
    elapsedMs,
    requestsPerSecond: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0,
    latencyMs: weightedLatency(parts, (part) => part.latencyMs),
    ttfbMs: weightedLatency(parts, (part) => part.ttfbMs),
    ...(parts.some((part) => part.rawLatencyMs)
      ? { rawLatencyMs: weightedLatency(parts, (part) => part.rawLatencyMs ?? EMPTY_LATENCY) }
      : {}),
    bytesRead: sum(parts.map((part) => part.bytesRead)),
    // The workers' intervals are merged tick by tick as they come (./worker-intervals.ts).
    intervals: [],
    ...flowFigures(parts, false)
  }
}

/** A flow's steps, iterations and checks, when the parts carry them; nothing for one request. */
function flowFigures(parts: readonly RunSnapshot[] | readonly RunResult[], exact: boolean): Pick<RunSnapshot, 'iterations' | 'checks'> & { steps?: StepSnapshot[] | StepResult[] } {
  const withSteps = parts.filter((part) => part.steps !== undefined)
  if (withSteps.length === 0) return {}
  const steps = withSteps.map((part) => part.steps as StepResult[])
  const iterations = withSteps.flatMap((part) => (part.iterations ? [part.iterations] : [])) as IterationTally[]
  const checks = withSteps.flatMap((part) => (part.checks ? [part.checks] : [])) as CheckTotals[]
  return {
    steps: exact ? mergeStepResults(steps) : mergeStepSnapshots(steps),
    iterations: mergeIterations(iterations, exact),
    checks: mergeChecks(checks)
  }
}

/** The run's result from every worker's: 'cancelled' if any was, histograms merged exactly. */
export function mergeResults(runId: number, total: number, parts: readonly RunResult[]): RunResult {
  const { steps: _steps, ...merged } = mergeSnapshots(runId, total, parts)
  const latency = mergeHistograms(parts.map((part) => part.histogram))
  const ttfb = mergeHistograms(parts.map((part) => part.ttfbHistogram))
  const raw = merged.rawLatencyMs ? mergeHistograms(parts.map((part) => part.rawLatencyHistogram)) : undefined
  return {
    ...merged,
    // The histogram keeps buckets, not values; each part's exact minimum is better than a bucket's edge.
    latencyMs: { ...summarizeInMs(latency), min: merged.latencyMs.min },
    ttfbMs: { ...summarizeInMs(ttfb), min: merged.ttfbMs.min },
    ...(raw && merged.rawLatencyMs ? { rawLatencyMs: { ...summarizeInMs(raw), min: merged.rawLatencyMs.min } } : {}),
    outcome: parts.some((part) => part.outcome === 'cancelled') ? 'cancelled' : 'finished',
    ...startedAtOf(parts),
    histogram: encodeHistogram(latency),
    ttfbHistogram: encodeHistogram(ttfb),
    ...(raw ? { rawLatencyHistogram: encodeHistogram(raw) } : {}),
    ...(flowFigures(parts, true) as Pick<RunResult, 'steps' | 'iterations' | 'checks'>)
  }
}

function weightedLatency(parts: readonly RunSnapshot[], of: (part: RunSnapshot) => LatencySummary): LatencySummary {
  return weightedBy(parts.map((part) => ({ latency: of(part), weight: classifyOutcomes(part).completed })))
}

/** The earliest engine's start on the wall clock, when the engines said. */
function startedAtOf(parts: readonly RunResult[]): Pick<RunResult, 'startedAtMs'> {
  const starts = parts.flatMap((part) => (part.startedAtMs === undefined ? [] : [part.startedAtMs]))
  return starts.length > 0 ? { startedAtMs: Math.min(...starts) } : {}
}
