import { createLatencyHistogram, decodeHistogram, type LatencyHistogram } from '../engine/latency-histogram'
import { EMPTY_LATENCY, type ErrorKind, type LatencySummary } from '../shared/run-snapshot'

/** The small sums both merges use (./run-merge.ts for a run, ./flow-merge.ts for its steps and iterations). */

export function sum(values: readonly number[]): number {
  let total = 0
  for (const value of values) total += value
  return total
}

export function addCounts<K extends string>(counts: ReadonlyArray<Partial<Record<K, number>>>): Partial<Record<K, number>> {
  const total: Partial<Record<K, number>> = {}
  for (const part of counts) {
    for (const [key, count] of Object.entries(part) as Array<[K, number]>) total[key] = (total[key] ?? 0) + count
  }
  return total
}

/**
 * Percentiles of live snapshots, which carry no histogram: each part's weighted by its responses
 * (a close estimate while the run goes; the result's are merged from the histograms, exactly).
 */
export function weightedLatency(parts: ReadonlyArray<{ latency: LatencySummary; weight: number }>): LatencySummary {
  const weighted = parts.filter((part) => part.weight > 0)
  const totalWeight = sum(weighted.map((part) => part.weight))
  if (totalWeight === 0) return EMPTY_LATENCY
  const average = (key: keyof LatencySummary): number => sum(weighted.map((part) => part.latency[key] * part.weight)) / totalWeight
  return {
    min: Math.min(...weighted.map((part) => part.latency.min)),
    mean: average('mean'),
    p50: average('p50'),
    p90: average('p90'),
    p99: average('p99'),
    p999: average('p999'),
    p9999: average('p9999'),
    max: Math.max(...weighted.map((part) => part.latency.max))
  }
}

/** Each kind's example from the first part that has one: one message a kind, as each engine keeps. */
export function firstExamples(parts: ReadonlyArray<{ errorExamples?: Partial<Record<ErrorKind, string>> }>): {
  errorExamples?: Partial<Record<ErrorKind, string>>
} {
  const examples: Partial<Record<ErrorKind, string>> = {}
  for (const part of parts) {
    for (const [kind, message] of Object.entries(part.errorExamples ?? {}) as Array<[ErrorKind, string | undefined]>) {
      if (message && examples[kind] === undefined) examples[kind] = message
    }
  }
  return Object.keys(examples).length > 0 ? { errorExamples: examples } : {}
}

/** The parts' encoded HdrHistograms added into one: exact. */
export function mergeHistograms(encoded: ReadonlyArray<string | undefined>): LatencyHistogram {
  const histogram = createLatencyHistogram()
  for (const part of encoded) if (part) histogram.add(decodeHistogram(part))
  return histogram
}
