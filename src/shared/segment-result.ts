import type { RunReport, ReportSettings } from './report/run-report'
import type { RunResult } from './run-snapshot'

/**
 * A test split across machines (docs/distributed.md): each generator runs one *segment*, segment K
 * of N, and prints one line of JSON, a SegmentReport; `stampede merge` turns N of them into one
 * MergedReport. Counted K from 1 to N, as people say "segment 3 of 8"; Kubernetes' 0-based
 * JOB_COMPLETION_INDEX is K - 1.
 */

/** Marks a segment's line among other lines (kubectl logs mixes in stderr); the number is the format's version. */
export const SEGMENT_FORMAT = 'stampede-segment/1'

/** Which share of how many: K from 1 to N. */
export interface SegmentOf {
  index: number
  count: number
}

export interface SegmentInfo extends SegmentOf {
  format: typeof SEGMENT_FORMAT
  /** The test's fingerprint (its plan and data, not the split): results of different tests never merge. */
  test: string
  /** The start instant asked for (epoch ms): --start-at, or the barrier's. */
  scheduledStartMs?: number
  /** This generator's clock. */
  clock: {
    host: string
    /** When its schedule really began, on its own wall clock (epoch ms). */
    startedAtMs: number
    /**
     * The barrier's estimate of this clock minus the coordinator's (ms), from the check-in's round
     * trip (NTP's formula): what a clock's skew moved this generator's intervals by.
     */
    offsetMs?: number
  }
  /** Engine processes on this generator. */
  workers: number
  /** The whole test's settings and thresholds (as typed), for the merged report. */
  url: string
  method: string
  settings: ReportSettings
  thresholds: string[]
  /** Everything an exact merge needs: counts, the three histograms, the series with its histograms, health. */
  result: RunResult
}

/** What `stampede run --segment` prints: the segment's own report (--json's), plus what the merge needs. */
export interface SegmentReport extends RunReport {
  segment: SegmentInfo
}

/** How complete a merge is: never silently smaller than the test. */
export interface SegmentsMerged {
  expected: number
  merged: number
  /** K of each segment with no result. */
  missing: number[]
  /** K of each segment whose run did not finish (cancelled, crashed, killed). */
  cutShort: number[]
}

/** One generator's part, kept in the merged report: "generator 3 of 8 was the limit". */
export interface GeneratorPart {
  segment: number
  host: string
  startedAt: string
  /** Its actual start against the earliest generator's (ms). */
  startOffsetMs: number
  clockOffsetMs?: number
  outcome: RunResult['outcome']
  sent: number
  health?: RunReport['health']
}

export interface MergedReport extends RunReport {
  test: string
  segments: SegmentsMerged
  generators: GeneratorPart[]
  /** The start: the instant asked for, and the spread of the actual starts (latest - earliest). */
  start: { scheduledAt?: string; spreadMs: number }
}
