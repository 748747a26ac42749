import { hostname } from 'node:os'
import type { RunController } from '../control/run-controller'
import { passBarrier } from '../control/start-barrier'
import { testFingerprint } from '../control/test-fingerprint'
import { buildRunReport, jsonOutput, type RunReport } from '../shared/report/run-report'
import type { RunPlan } from '../shared/run-plan'
import type { RunResult } from '../shared/run-snapshot'
import { SEGMENT_FORMAT, type SegmentReport } from '../shared/segment-result'
import type { RunCommand } from './arguments'
import type { DistributedRun } from './segment-arguments'

/** When the run starts: at once, at --start-at, or at the barrier's instant (with this clock's offset). */
export type SegmentStart = { ok: true; startAtMs?: number; offsetMs?: number } | { ok: false; message: string }

/**
 * Before the run: with --barrier or --start-at the engines are spawned first (ready means ready to
 * send), then the barrier is passed; the wait for the start instant is said on stderr. The engines themselves
 * hold every request until the instant (src/engine/start-instant.ts).
 */
export async function segmentStart(command: RunCommand, controller: RunController, plan: RunPlan): Promise<SegmentStart> {
  const distributed = command.distributed
  if (!distributed) return { ok: true }
  // Spawned before the wait: an engine still starting up at the instant would start late.
  if (distributed.barrier || distributed.startAtMs !== undefined) await controller.prepare(plan)
  let start: SegmentStart = { ok: true, ...(distributed.startAtMs === undefined ? {} : { startAtMs: distributed.startAtMs }) }
  if (distributed.barrier && distributed.segment) {
    const passed = await passBarrier({
      ...distributed.barrier,
      test: testFingerprint(command.plan),
      segment: distributed.segment,
      log: (line) => process.stderr.write(`${line}\n`)
    })
    if (!passed.ok) return passed
    start = { ok: true, startAtMs: passed.startAtMs, offsetMs: passed.offsetMs }
  }
  if (start.startAtMs !== undefined) {
    const seconds = ((start.startAtMs - Date.now()) / 1000).toFixed(1)
    process.stderr.write(`Waiting until ${new Date(start.startAtMs).toISOString()} (in ${seconds} s) to start.\n`)
  }
  return start
}

interface SegmentRun {
  report: RunReport
  result: RunResult
  workers: number
  start: SegmentStart
}

/** The one line a segment prints on stdout: its report, and all that `stampede merge` needs. */
export function segmentOutput(
  command: RunCommand,
  segment: NonNullable<DistributedRun['segment']>,
  { report, result, workers, start }: SegmentRun
): string {
  const whole = buildRunReport({ plan: command.plan, result, workers, thresholds: command.thresholds })
  // The window's and the report's extras are rebuilt by the merge; the last interval is in the series.
  const { latencyBins: _bins, intervals: _intervals, ...forMerge } = result
  // The segment first, its format first: a line cut off (a pod killed while printing) still says what it was.
  const line: SegmentReport = {
    segment: {
      format: SEGMENT_FORMAT,
      test: testFingerprint(command.plan),
      index: segment.index,
      count: segment.count,
      ...(start.ok && start.startAtMs !== undefined ? { scheduledStartMs: start.startAtMs } : {}),
      clock: {
        host: hostname(),
        startedAtMs: result.startedAtMs ?? Date.now(),
        ...(start.ok && start.offsetMs !== undefined ? { offsetMs: start.offsetMs } : {})
      },
      workers,
      url: command.plan.url,
      method: command.plan.method,
      settings: whole.settings,
      thresholds: command.thresholds.map((threshold) => threshold.expression),
      result: { ...forMerge, intervals: [] }
    },
    ...jsonOutput(report)
  }
  return `${JSON.stringify(line)}\n`
}
