import { describe, expect, it } from 'vitest'
import { createLatencyHistogram, encodeHistogram, summarizeInMs } from '../../src/engine/latency-histogram'
import { mergeSegments } from '../../src/control/segment-merge'
import { readSegmentLines } from '../../src/control/segment-stream'
import { checkReport } from '../../src/shared/report/report-file'
import type { RunInterval } from '../../src/shared/run-interval'
import { SEGMENT_FORMAT, type SegmentReport } from '../../src/shared/segment-result'
import { parseThreshold, type Threshold } from '../../src/shared/thresholds'
import { intervalOf, latencies } from '../support/intervals'

const T0 = Date.parse('2026-12-08T02:00:00Z')

/** A segment's line as `stampede run --segment` prints it, from real latencies (µs) per interval. */
function segmentOf(
  index: number,
  count: number,
  { startedAtMs = T0, ticks = [latencies(50, index), latencies(50, index + 10)], outcome = 'finished', test = 'abc' }: {
    startedAtMs?: number
    ticks?: number[][]
    outcome?: 'finished' | 'cancelled' | 'crashed'
    test?: string
  } = {}
): SegmentReport {
  const points: RunInterval[] = ticks.map((values, tick) => intervalOf(tick + 1, values))
  const all = ticks.flat()
  const histogram = createLatencyHistogram()
  for (const value of all) histogram.recordValue(value)
  const summary = summarizeInMs(histogram)
  const settings = { model: 'closed' as const, connections: 6, pipelining: 1, workers: 1, totalRequests: 300, timeoutMs: 10_000, headerNames: [], bodyBytes: 0, protocol: 'http1' as const, insecure: false }
  const result = {
    runId: 1,
    total: all.length,
    done: all.length,
    statusCodes: { 200: all.length },
    errorKinds: {},
    elapsedMs: ticks.length * 100,
    requestsPerSecond: 0,
    latencyMs: summary,
    ttfbMs: summary,
    bytesRead: all.length * 2,
    intervals: [],
    outcome,
    startedAtMs,
    histogram: encodeHistogram(histogram),
    ttfbHistogram: encodeHistogram(histogram),
    series: { bucketMs: 100, points }
  }
  return {
    url: 'http://127.0.0.1:8080/',
    method: 'GET',
    requests: { sent: all.length, completed: all.length, failed: 0, aborted: 0 },
    responses: { ok: all.length, clientOrServerError: 0 },
    errorRate: 0,
    clientOrServerErrorRate: 0,
    statusCodes: { 200: all.length },
    errors: {},
    latencyMs: summary,
    ttfbMs: summary,
    durationMs: result.elapsedMs,
    rps: 0,
    bytesRead: result.bytesRead,
    outcome,
    cancelled: outcome === 'cancelled',
    thresholds: [],
    settings: { ...settings, connections: 2 },
    segment: {
      format: SEGMENT_FORMAT,
      test,
      index,
      count,
      clock: { host: `gen-${index}`, startedAtMs },
      workers: 1,
      url: 'http://127.0.0.1:8080/',
      method: 'GET',
      settings,
      thresholds: ['p99<1s'],
      result
    }
  }
}

const thresholds = (...texts: string[]): Threshold[] =>
  texts.map((text) => {
    const parsed = parseThreshold(text)
    if (!parsed.ok) throw new Error(parsed.message)
    return parsed.threshold
  })

describe('mergeSegments', () => {
  it('sums the counts and merges the histograms exactly: the p99 of one histogram holding every value', () => {
    const parts = [1, 2, 3].map((index) => segmentOf(index, 3))
    const merge = mergeSegments(parts, [])
    if (!merge.ok) throw new Error(merge.message)
    const one = createLatencyHistogram()
    for (const index of [1, 2, 3]) for (const value of [...latencies(50, index), ...latencies(50, index + 10)]) one.recordValue(value)
    expect(merge.report.requests.sent).toBe(300)
    expect(merge.report.latencyMs.p99).toBeCloseTo(summarizeInMs(one).p99, 3)
    expect(merge.report.latencyMs.p50).toBeCloseTo(summarizeInMs(one).p50, 3)
    expect(merge.report.segments).toEqual({ expected: 3, merged: 3, missing: [], cutShort: [] })
    expect(merge.report.outcome).toBe('finished')
    // Settings are the whole test's, workers those of every generator.
    expect(merge.report.settings).toMatchObject({ connections: 6, workers: 3 })
  })

  it('lines intervals up on the wall clock: a generator that started 200 ms later fills later buckets', () => {
    const merge = mergeSegments([segmentOf(1, 2), segmentOf(2, 2, { startedAtMs: T0 + 200 })], [])
    if (!merge.ok) throw new Error(merge.message)
    const points = merge.report.series?.points ?? []
    expect(points.map((point) => [point.tick, point.sent])).toEqual([
      [1, 50],
      [2, 50],
      [3, 50],
      [4, 50]
    ])
    expect(merge.report.durationMs).toBe(400)
    expect(merge.report.start.spreadMs).toBe(200)
    expect(merge.report.generators.map((generator) => generator.startOffsetMs)).toEqual([0, 200])
  })

  it('adds up points of one tick across generators, their histograms merged', () => {
    const merge = mergeSegments([segmentOf(1, 2), segmentOf(2, 2)], [])
    if (!merge.ok) throw new Error(merge.message)
    const [first] = merge.report.series?.points ?? []
    const one = createLatencyHistogram()
    for (const value of [...latencies(50, 1), ...latencies(50, 2)]) one.recordValue(value)
    expect(first.sent).toBe(100)
    expect(first.latencyMs.p99).toBeCloseTo(summarizeInMs(one).p99, 3)
  })

  it('judges thresholds once, on the merged figures', () => {
    const merge = mergeSegments([segmentOf(1, 2), segmentOf(2, 2)], thresholds('rps>0', 'p99<1us'))
    if (!merge.ok) throw new Error(merge.message)
    expect(merge.report.thresholds.map((threshold) => [threshold.expression, threshold.passed])).toEqual([
      ['rps>0', true],
      ['p99<1us', false]
    ])
  })

  it('names a missing segment and a cut-short one, and the run is not finished', () => {
    const merge = mergeSegments([segmentOf(1, 4), segmentOf(3, 4, { outcome: 'crashed' }), segmentOf(4, 4)], [])
    if (!merge.ok) throw new Error(merge.message)
    expect(merge.report.segments).toEqual({ expected: 4, merged: 3, missing: [2], cutShort: [3] })
    expect(merge.report.outcome).toBe('crashed')
    expect(merge.report.error).toMatch(/^Segment 2 of 4 is missing \(no result\); segment 3 of 4 was cut short \(crashed\)/)
  })

  it.each([
    [[segmentOf(1, 2), segmentOf(2, 2, { test: 'other' })], /results of different tests: segment 1 of 2 ran test abc, segment 2 of 2 ran test other/],
    [[segmentOf(1, 2), segmentOf(1, 2)], /segment 1 of 2 appears twice/],
    [[segmentOf(1, 2), segmentOf(2, 3)], /split in different ways/],
    [[segmentOf(3, 2)], /segment 3 of 2 does not exist/],
    [[], /no segment results found/]
  ])('refuses %#', (parts, message) => {
    const merge = mergeSegments(parts, [])
    expect(merge.ok).toBe(false)
    if (!merge.ok) expect(merge.message).toMatch(message)
  })

  it('gives a report the history\'s import and stampede compare read', () => {
    const merge = mergeSegments([segmentOf(1, 2), segmentOf(2, 2)], [])
    if (!merge.ok) throw new Error(merge.message)
    const read = checkReport(JSON.parse(JSON.stringify(merge.report)))
    expect(read.ok).toBe(true)
  })
})

describe('readSegmentLines', () => {
  it('finds the segments among other lines, with or without kubectl\'s --prefix, and names a line cut off', () => {
    // As segment-run.ts prints them: the segment (its format first) before the report's fields.
    const [one, two] = [segmentOf(1, 3), segmentOf(2, 3)].map(({ segment, ...report }) => JSON.stringify({ segment, ...report }))
    const text = [
      'stampede: generator 1 of 3 waits for the others at port 7070.',
      one,
      'Requests      100 sent, 100 completed, 0 failed',
      `[pod/load-1-x/stampede] ${two}`,
      '{"not":"a segment"}',
      one.slice(0, 500),
      ''
    ].join('\n')
    const read = readSegmentLines(text, 'stdin')
    expect(read.segments.map((part) => part.segment.index)).toEqual([1, 2])
    expect(read.problems).toEqual([expect.stringMatching(/^stdin, line 6: a segment's result that is cut off/)])
  })
})
