import { HealthTally } from '../shared/generator-health'
import { buildRunReport } from '../shared/report/run-report'
import { SNAPSHOT_INTERVAL_MS, type RunInterval, type RunSeries } from '../shared/run-interval'
import type { RunPlan } from '../shared/run-plan'
import type { RunResult } from '../shared/run-snapshot'
import type { GeneratorPart, MergedReport, SegmentReport, SegmentsMerged } from '../shared/segment-result'
import type { Threshold } from '../shared/thresholds'
import { mergeConcurrentIntervals, mergeConsecutiveIntervals } from './interval-merge'
import { latencyBins } from './latency-bins'
import { mergeResults } from './run-merge'

export type SegmentMerge = { ok: true; report: MergedReport } | { ok: false; message: string }

/**
 * N segments' results as one run, exactly as workers' are merged (./run-merge.ts,
 * ./interval-merge.ts): counts summed, HdrHistograms merged, intervals lined up on the wall clock.
 * Refused: results of different tests, of different splits, or the same segment twice. A missing or
 * cut-short segment is named in `segments` and in the outcome: a merge is never silently smaller.
 * `thresholds` are judged once, here, on the merged figures.
 */
export function mergeSegments(parts: readonly SegmentReport[], thresholds: readonly Threshold[]): SegmentMerge {
  const problem = refusal(parts)
  if (problem) return { ok: false, message: problem }
  const sorted = [...parts].sort((a, b) => a.segment.index - b.segment.index)
  const first = sorted[0].segment
  const segments = completeness(sorted)
  const origin = Math.min(...sorted.map(startOf))
  const results = sorted.map((part) => part.segment.result)

  const merged = mergeResults(0, sum(results.map((result) => result.total)), results)
  // The run lasts from the first generator's start to the last one's end, on the wall clock.
  const endMs = Math.max(...sorted.map((part) => startOf(part) - origin + part.segment.result.elapsedMs))
  const series = alignedSeries(sorted, origin)
  const health = new HealthTally()
  for (const point of series.points) health.add(point)
  const result: RunResult = {
    ...merged,
    elapsedMs: endMs,
    requestsPerSecond: endMs > 0 ? (merged.done * 1000) / endMs : 0,
    ...outcomeOf(sorted, segments),
    startedAtMs: origin,
    series,
    health: health.summary(),
    latencyBins: latencyBins(merged.histogram)
  }
  const generators = sorted.map((part) => generatorPart(part, origin))
  const base = buildRunReport({
    plan: planStandIn(first),
    result,
    workers: sum(sorted.map((part) => part.segment.workers)),
    thresholds,
    startedAt: new Date(origin).toISOString()
  })
  const report: MergedReport = {
    ...base,
    ...(base.health ? { health: { ...base.health, summary: `${base.health.summary}${limitingText(generators, first.count)}` } } : {}),
    settings: { ...first.settings, workers: base.settings.workers },
    test: first.test,
    segments,
    generators,
    start: {
      ...(first.scheduledStartMs === undefined ? {} : { scheduledAt: new Date(first.scheduledStartMs).toISOString() }),
      spreadMs: Math.max(...generators.map((generator) => generator.startOffsetMs))
    }
  }
  return { ok: true, report }
}

function refusal(parts: readonly SegmentReport[]): string | undefined {
  if (parts.length === 0) return 'no segment results found (a segment prints one line of JSON: stampede run FILE --segment K/N).'
  const [first] = parts
  const otherTest = parts.find((part) => part.segment.test !== first.segment.test)
  if (otherTest) {
    return (
      `results of different tests: segment ${first.segment.index} of ${first.segment.count} ran test ${first.segment.test}, ` +
      `segment ${otherTest.segment.index} of ${otherTest.segment.count} ran test ${otherTest.segment.test}.`
    )
  }
  const otherCount = parts.find((part) => part.segment.count !== first.segment.count)
  if (otherCount) {
    return `the test was split in different ways: into ${first.segment.count} segments and into ${otherCount.segment.count}.`
  }
  const seen = new Set<number>()
  for (const { segment } of parts) {
    if (segment.index < 1 || segment.index > segment.count) return `segment ${segment.index} of ${segment.count} does not exist.`
    if (seen.has(segment.index)) return `segment ${segment.index} of ${segment.count} appears twice: its requests would be counted twice.`
    seen.add(segment.index)
  }
  return undefined
}

function completeness(parts: readonly SegmentReport[]): SegmentsMerged {
  const expected = parts[0].segment.count
  const present = new Set(parts.map((part) => part.segment.index))
  return {
    expected,
    merged: parts.length,
    missing: Array.from({ length: expected }, (_, index) => index + 1).filter((index) => !present.has(index)),
    cutShort: parts.filter((part) => part.segment.result.outcome !== 'finished').map((part) => part.segment.index)
  }
}

/** Finished only when every segment is here and finished; otherwise the sentence says which are not. */
function outcomeOf(parts: readonly SegmentReport[], segments: SegmentsMerged): Pick<RunResult, 'outcome' | 'message'> {
  if (segments.missing.length === 0 && segments.cutShort.length === 0) return { outcome: 'finished' }
  const of = (index: number): string => `segment ${index} of ${segments.expected}`
  const lines = [
    ...segments.missing.map((index) => `${of(index)} is missing (no result)`),
    ...parts
      .filter((part) => segments.cutShort.includes(part.segment.index))
      .map((part) => `${of(part.segment.index)} was cut short (${part.segment.result.outcome}${part.segment.result.message ? `: ${part.segment.result.message}` : ''})`)
  ]
  const sentence = `${lines.join('; ')}. These figures are of the other segments only, not of the whole test.`
  const cancelledOnly = segments.missing.length === 0 && parts.every((part) => part.segment.result.outcome !== 'crashed')
  return { outcome: cancelledOnly ? 'cancelled' : 'crashed', message: sentence[0].toUpperCase() + sentence.slice(1) }
}

/**
 * Every segment's series on one wall clock: a point's place is its end past the earliest start, in
 * buckets of the widest segment's width; points of one segment in one bucket merge as consecutive,
 * those of several as concurrent (./interval-merge.ts), so the series still adds up to the totals.
 */
function alignedSeries(parts: readonly SegmentReport[], origin: number): RunSeries {
  const bucketMs = Math.max(SNAPSHOT_INTERVAL_MS, ...parts.map((part) => part.segment.result.series?.bucketMs ?? 0))
  const buckets = new Map<number, RunInterval[]>()
  for (const part of parts) {
    const offset = startOf(part) - origin
    const own = new Map<number, RunInterval[]>()
    for (const point of part.segment.result.series?.points ?? []) {
      const bucket = Math.max(1, Math.ceil((offset + point.endMs) / bucketMs - 0.5))
      const shifted = { ...point, startMs: point.startMs + offset, endMs: point.endMs + offset }
      own.set(bucket, [...(own.get(bucket) ?? []), shifted])
    }
    for (const [bucket, points] of own) {
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), mergeConsecutiveIntervals(points)])
    }
  }
  const points = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, points]) => ({ ...mergeConcurrentIntervals(points), tick: (bucket * bucketMs) / SNAPSHOT_INTERVAL_MS }))
  return { bucketMs, points }
}

function generatorPart(part: SegmentReport, origin: number): GeneratorPart {
  const { segment } = part
  return {
    segment: segment.index,
    host: segment.clock.host,
    startedAt: new Date(segment.clock.startedAtMs).toISOString(),
    startOffsetMs: startOf(part) - origin,
    ...(segment.clock.offsetMs === undefined ? {} : { clockOffsetMs: segment.clock.offsetMs }),
    outcome: segment.result.outcome,
    sent: part.requests.sent,
    ...(part.health ? { health: part.health } : {})
  }
}

/** "Generator 3 of 8 was the limit": the merged health is the worst of each moment, so say whose. */
function limitingText(generators: readonly GeneratorPart[], count: number): string {
  const limited = generators.filter((generator) => generator.health?.verdict === 'generator-limited')
  if (limited.length === 0) return ''
  const names = limited.map((generator) => `${generator.segment} (${generator.host})`).join(', ')
  return limited.length === 1
    ? ` Generator ${names} of ${count} was the limit.`
    : ` Generators ${names} of ${count} were the limit.`
}

/**
 * buildRunReport reads a plan for its URL, method and settings; a segment carries the whole test's
 * settings instead (header values and the body stay out of results), so the report's settings are
 * replaced with those and this stand-in gives only the URL and method.
 */
function planStandIn(segment: SegmentReport['segment']): RunPlan {
  const { settings } = segment
  return {
    url: segment.url,
    method: segment.method,
    headers: [],
    concurrency: settings.connections,
    pipelining: settings.pipelining,
    protocol: settings.protocol,
    timeoutMs: settings.timeoutMs,
    insecure: settings.insecure
  }
}

/**
 * When a segment really started, on generator 1's clock when the barrier measured the offset (so a
 * skewed clock does not shift its intervals), else on its own.
 */
function startOf(part: SegmentReport): number {
  return part.segment.clock.startedAtMs - (part.segment.clock.offsetMs ?? 0)
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
