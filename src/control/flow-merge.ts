import { encodeHistogram, summarizeInMs } from '../engine/latency-histogram'
import type { CheckTotals, IterationTally, StepResult, StepSnapshot } from '../shared/flow/step-results'
import { EMPTY_LATENCY, type LatencySummary } from '../shared/run-snapshot'
import { addCounts, firstExamples, mergeHistograms, sum, weightedLatency } from './count-merge'

/**
 * A flow's figures across engine processes (./run-merge.ts calls these only when the parts carry
 * steps): each step's counts added, step by step; iterations and checks summed. A live snapshot's
 * percentiles are the parts' weighted by responses (an estimate, as the run's are); the result's
 * are merged from the HdrHistograms, exactly.
 */

export function mergeStepSnapshots(parts: ReadonlyArray<readonly StepSnapshot[]>): StepSnapshot[] {
  const [first = []] = parts
  return first.map((step, index) => {
    const same = parts.map((part) => part[index]).filter((each): each is StepSnapshot => each !== undefined)
    return {
      name: step.name,
      done: sum(same.map((each) => each.done)),
      statusCodes: addCounts(same.map((each) => each.statusCodes)) as Record<string, number>,
      errorKinds: addCounts(same.map((each) => each.errorKinds)),
      ...firstExamples(same),
      latencyMs: weighted(same, (each) => each.latencyMs),
      ttfbMs: weighted(same, (each) => each.ttfbMs),
      checks: step.checks.map((check, checkIndex) => ({
        check: check.check,
        passed: sum(same.map((each) => each.checks[checkIndex]?.passed ?? 0)),
        failed: sum(same.map((each) => each.checks[checkIndex]?.failed ?? 0))
      })),
      captures: {
        failed: sum(same.map((each) => each.captures.failed)),
        ...withExample(same.find((each) => each.captures.example !== undefined)?.captures.example)
      }
    }
  })
}

export function mergeStepResults(parts: ReadonlyArray<readonly StepResult[]>): StepResult[] {
  return mergeStepSnapshots(parts).map((step, index) => {
    const latency = mergeHistograms(parts.map((part) => part[index]?.histogram))
    const ttfb = mergeHistograms(parts.map((part) => part[index]?.ttfbHistogram))
    const min = (of: (each: StepResult) => LatencySummary): number => {
      const mins = parts.map((part) => part[index]).filter((each) => each && each.done > 0).map((each) => of(each).min).filter((value) => value > 0)
      return mins.length > 0 ? Math.min(...mins) : 0
    }
    return {
      ...step,
      latencyMs: latency.totalCount === 0 ? EMPTY_LATENCY : { ...summarizeInMs(latency), min: min((each) => each.latencyMs) },
      ttfbMs: ttfb.totalCount === 0 ? EMPTY_LATENCY : { ...summarizeInMs(ttfb), min: min((each) => each.ttfbMs) },
      histogram: encodeHistogram(latency),
      ttfbHistogram: encodeHistogram(ttfb)
    }
  })
}

export function mergeIterations(parts: readonly IterationTally[], exact: boolean): IterationTally {
  const failedBy: IterationTally['failedBy'] = addCounts(parts.map((part) => part.failedBy))
  const merged: IterationTally = {
    started: sum(parts.map((part) => part.started)),
    completed: sum(parts.map((part) => part.completed)),
    failed: sum(parts.map((part) => part.failed)),
    failedBy,
    ...(parts.some((part) => part.rowsUsedUp) ? { rowsUsedUp: true } : {}),
    durationMs: weightedLatency(parts.map((part) => ({ latency: part.durationMs, weight: part.completed })))
  }
  if (!exact) return merged
  const durations = mergeHistograms(parts.map((part) => part.histogram))
  const mins = parts.filter((part) => part.completed > 0).map((part) => part.durationMs.min)
  return {
    ...merged,
    durationMs: durations.totalCount === 0 ? EMPTY_LATENCY : { ...summarizeInMs(durations), min: Math.min(...mins) },
    histogram: encodeHistogram(durations)
  }
}

export function mergeChecks(parts: readonly CheckTotals[]): CheckTotals {
  return { passed: sum(parts.map((part) => part.passed)), failed: sum(parts.map((part) => part.failed)) }
}

function weighted(steps: readonly StepSnapshot[], of: (step: StepSnapshot) => LatencySummary): LatencySummary {
  return weightedLatency(steps.map((step) => ({ latency: of(step), weight: sum(Object.values(step.statusCodes)) })))
}

function withExample(example: string | undefined): { example?: string } {
  return example === undefined ? {} : { example }
}
