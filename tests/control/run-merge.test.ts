import { decodeFromCompressedBase64 } from 'hdr-histogram-js'
import { describe, expect, it } from 'vitest'
import { createLatencyHistogram, encodeHistogram, summarizeInMs } from '../../src/engine/latency-histogram'
import { mergeResults, mergeSnapshots } from '../../src/control/run-merge'
import {
  EMPTY_LATENCY,
  emptySnapshot,
  type LatencySummary,
  type RunOutcome,
  type RunResult,
  type RunSnapshot
} from '../../src/shared/run-snapshot'

const RUN_ID = 7

/** A part's result as an engine builds it: counts, and the summary and encoding of real latencies. */
function partResult(
  latenciesMicros: number[],
  extra: Partial<RunResult> = {},
  outcome: RunOutcome = 'finished'
): RunResult {
  const histogram = createLatencyHistogram()
  for (const value of latenciesMicros) histogram.recordValue(value)
  return {
    ...emptySnapshot(RUN_ID, 0),
    done: latenciesMicros.length,
    statusCodes: latenciesMicros.length > 0 ? { '200': latenciesMicros.length } : {},
    elapsedMs: 1000,
    latencyMs: summarizeInMs(histogram),
    outcome,
    histogram: encodeHistogram(histogram),
    ...extra
  }
}

function summaryOfAll(latenciesMicros: number[]): LatencySummary {
  const histogram = createLatencyHistogram()
  for (const value of latenciesMicros) histogram.recordValue(value)
  return summarizeInMs(histogram)
}

/** Deterministic spread-out latencies, from 1 µs to about 2 s, different for each seed. */
function latencies(count: number, seed: number): number[] {
  let state = seed
  return Array.from({ length: count }, () => {
    state = (state * 16_807) % 2_147_483_647
    return 1 + Math.floor((state / 2_147_483_647) ** 3 * 2_000_000)
  })
}

describe('mergeResults', () => {
  it('reports the percentiles of the union of every part’s latencies, exactly', () => {
    const a = latencies(5000, 1)
    const b = latencies(3000, 2)
    const c = latencies(1, 3)
    const merged = mergeResults(RUN_ID, 8001, [partResult(a), partResult(b), partResult(c)])
    const union = summaryOfAll([...a, ...b, ...c])

    const { min: _mergedMin, ...mergedRest } = merged.latencyMs
    const { min: _unionMin, ...unionRest } = union
    expect(mergedRest).toEqual(unionRest)
    expect(decodeFromCompressedBase64(merged.histogram ?? '').totalCount).toBe(8001)
  })

  // A decoded histogram knows buckets, not values: the merge keeps the parts' own exact minimum.
  it('reports the same min as one histogram holding every value', () => {
    const merged = mergeResults(RUN_ID, 2, [partResult([123_500]), partResult([200_000])])
    expect(merged.latencyMs.min).toBe(summaryOfAll([123_500, 200_000]).min)
  })

  it('adds the counts of every part', () => {
    const parts = [
      partResult([1000, 2000], {
        done: 5,
        statusCodes: { '200': 1, '503': 1 },
        errorKinds: { reset: 2, timeout: 1 },
        bytesRead: 40,
        elapsedMs: 900
      }),
      partResult([3000], { done: 4, statusCodes: { '200': 1 }, errorKinds: { reset: 3 }, bytesRead: 2, elapsedMs: 1200 }),
      partResult([], { done: 2, errorKinds: { refused: 2 }, elapsedMs: 50 })
    ]
    const merged = mergeResults(RUN_ID, 100, parts)

    expect(merged).toMatchObject({
      runId: RUN_ID,
      total: 100,
      done: 11,
      statusCodes: { '200': 2, '503': 1 },
      errorKinds: { reset: 5, timeout: 1, refused: 2 },
      bytesRead: 42,
      elapsedMs: 1200,
      outcome: 'finished'
    })
    expect(merged.requestsPerSecond).toBeCloseTo((11 * 1000) / 1200, 9)
    expect(merged.message).toBeUndefined()
  })

  it.each([
    [['finished', 'finished'], 'finished'],
    [['finished', 'cancelled'], 'cancelled'],
    [['cancelled', 'finished', 'finished'], 'cancelled'],
    [['cancelled', 'cancelled'], 'cancelled']
  ] as Array<[RunOutcome[], RunOutcome]>)('parts %j end the run %s', (outcomes, expected) => {
    const parts = outcomes.map((outcome, index) => partResult([1000 * (index + 1)], {}, outcome))
    expect(mergeResults(RUN_ID, 0, parts).outcome).toBe(expected)
  })

  it('merges parts that recorded no latency (only errors, or nothing) to the others’ figures', () => {
    const values = latencies(200, 9)
    const merged = mergeResults(RUN_ID, 0, [
      partResult([], { done: 3, errorKinds: { timeout: 3 } }),
      partResult(values),
      partResult([])
    ])
    const { min: _min, ...rest } = merged.latencyMs
    const { min: _unionMin, ...unionRest } = summaryOfAll(values)
    expect(rest).toEqual(unionRest)
    expect(merged.done).toBe(203)
  })

  it('merges no parts, or parts with nothing recorded, to an empty result', () => {
    for (const parts of [[], [partResult([]), partResult([])]]) {
      const merged = mergeResults(RUN_ID, 50, parts)
      expect(merged).toMatchObject({
        runId: RUN_ID,
        total: 50,
        done: 0,
        statusCodes: {},
        errorKinds: {},
        requestsPerSecond: 0,
        latencyMs: EMPTY_LATENCY,
        bytesRead: 0,
        outcome: 'finished'
      })
      expect(decodeFromCompressedBase64(merged.histogram ?? '').totalCount).toBe(0)
    }
    expect(mergeResults(RUN_ID, 50, []).elapsedMs).toBe(0)
  })
})

describe('mergeSnapshots', () => {
  const snapshot = (
    statusCodes: Record<string, number>,
    latencyMs: LatencySummary,
    extra: Partial<RunSnapshot> = {}
  ): RunSnapshot => {
    const responses = Object.values(statusCodes).reduce((total, count) => total + count, 0)
    return { ...emptySnapshot(1, 0), done: responses, statusCodes, latencyMs, ...extra }
  }
  const latency = (p: number, min: number, max: number): LatencySummary => ({
    min,
    mean: p,
    p50: p,
    p90: p * 2,
    p99: p * 3,
    p999: p * 4,
    p9999: p * 5,
    max
  })

  it('keeps one example message per error kind: the first part’s that has one', () => {
    const merged = mergeSnapshots(1, 0, [
      snapshot({}, EMPTY_LATENCY, { errorKinds: { reset: 1 }, errorExamples: { reset: 'other side closed' } }),
      snapshot({}, EMPTY_LATENCY, {
        errorKinds: { reset: 2, timeout: 1 },
        errorExamples: { reset: 'socket hang up', timeout: 'Request timed out after 10000 ms' }
      }),
      snapshot({}, EMPTY_LATENCY)
    ])
    expect(merged.errorExamples).toEqual({ reset: 'other side closed', timeout: 'Request timed out after 10000 ms' })
    expect(mergeSnapshots(1, 0, [snapshot({ '200': 1 }, EMPTY_LATENCY)]).errorExamples).toBeUndefined()
  })

  it('estimates percentiles as the parts’ own, weighted by their responses, min and max as extremes', () => {
    const merged = mergeSnapshots(RUN_ID, 1000, [
      snapshot({ '200': 100 }, latency(10, 2, 50), { elapsedMs: 400, bytesRead: 10 }),
      snapshot({ '200': 200, '500': 100 }, latency(20, 3, 90), { elapsedMs: 500, bytesRead: 20 })
    ])

    expect(merged.latencyMs.p50).toBeCloseTo((10 * 100 + 20 * 300) / 400, 9)
    expect(merged.latencyMs.mean).toBeCloseTo(17.5, 9)
    expect(merged.latencyMs.p90).toBeCloseTo(35, 9)
    expect(merged.latencyMs.p99).toBeCloseTo(52.5, 9)
    expect(merged.latencyMs.p999).toBeCloseTo(70, 9)
    expect(merged.latencyMs.min).toBe(2)
    expect(merged.latencyMs.max).toBe(90)
    expect(merged).toMatchObject({
      runId: RUN_ID,
      total: 1000,
      done: 400,
      statusCodes: { '200': 300, '500': 100 },
      elapsedMs: 500,
      bytesRead: 30
    })
    expect(merged.requestsPerSecond).toBeCloseTo(800, 9)
  })

  it('leaves parts with no response out of the latency, but counts their errors', () => {
    const merged = mergeSnapshots(RUN_ID, 0, [
      snapshot({}, EMPTY_LATENCY, { done: 7, errorKinds: { timeout: 7 }, elapsedMs: 300 }),
      snapshot({ '200': 5 }, latency(40, 35, 60), { elapsedMs: 250 })
    ])

    expect(merged.latencyMs).toEqual(latency(40, 35, 60))
    expect(merged).toMatchObject({ done: 12, errorKinds: { timeout: 7 }, statusCodes: { '200': 5 }, elapsedMs: 300 })
  })

  it('merges no parts, or parts with nothing yet, to an empty snapshot', () => {
    expect(mergeSnapshots(RUN_ID, 10, [])).toEqual(emptySnapshot(RUN_ID, 10))
    const idle = mergeSnapshots(RUN_ID, 10, [emptySnapshot(1, 5), emptySnapshot(1, 5)])
    expect(idle).toEqual(emptySnapshot(RUN_ID, 10))
  })
})
