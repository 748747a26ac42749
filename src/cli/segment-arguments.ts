import { segmentPlan, segmentsPossible } from '../control/plan-shares'
import type { RunPlan } from '../shared/run-plan'
import type { SegmentOf } from '../shared/segment-result'
import { typedDurationMs } from '../shared/typed-seconds'

/**
 * The flags of a test split across machines (docs/distributed.md): --segment K/N (or --segments N
 * with K from JOB_COMPLETION_INDEX), --start-at TIME, --barrier HOST:PORT and --barrier-timeout.
 */

export interface DistributedRun {
  /** K from 1 to N, and the share of the test it runs. */
  segment?: SegmentOf & { share: RunPlan }
  /** Epoch ms: no request before it, every schedule from it. */
  startAtMs?: number
  /** Start together: generator 1 answers at this address, every generator checks in there. */
  barrier?: { host: string; port: number; timeoutMs: number }
}

export interface DistributedFlags {
  segment?: string
  segments?: string
  'start-at'?: string
  barrier?: string
  'barrier-timeout'?: string
}

/** Waits this long for every generator to check in unless --barrier-timeout says otherwise. */
export const DEFAULT_BARRIER_TIMEOUT_MS = 120_000
/** Kubernetes sets it in every pod of an Indexed Job: 0 to N - 1. */
export const COMPLETION_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX'
const MAX_SEGMENTS = 10_000

export type DistributedParse = { ok: true; run: DistributedRun | undefined } | { ok: false; message: string }

export function readDistributedFlags(
  flags: DistributedFlags,
  plan: RunPlan,
  env: (name: string) => string | undefined,
  nowMs: number
): DistributedParse {
  const run: DistributedRun = {}
  const segment = readSegment(flags, env)
  if (typeof segment === 'string') return { ok: false, message: segment }
  if (segment) {
    const share = segmentPlan(plan, segment.index - 1, segment.count)
    if (!share) {
      const most = segmentsPossible(plan)
      return {
        ok: false,
        message: `--segment: this test can be shared ${most} ways at most (by its connections, requests, iterations, data rows or rate): it cannot be split into ${segment.count} segments with none idle.`
      }
    }
    run.segment = { ...segment, share }
  }
  if (flags['start-at'] !== undefined) {
    const at = readInstant(flags['start-at'])
    if (at === undefined) {
      return { ok: false, message: `--start-at: "${flags['start-at']}" is not a time; give ISO 8601 (2026-12-08T02:00:00Z) or epoch milliseconds.` }
    }
    if (at <= nowMs) {
      return { ok: false, message: `--start-at: ${new Date(at).toISOString()} is already past (it is ${new Date(nowMs).toISOString()}).` }
    }
    run.startAtMs = at
  }
  if (flags.barrier !== undefined) {
    if (!run.segment) return { ok: false, message: '--barrier starts the segments of one test together: give --segment K/N or --segments N too.' }
    if (run.startAtMs !== undefined) return { ok: false, message: '--barrier and --start-at: choose one (the barrier hands out the start time).' }
    const address = /^(.+):(\d{1,5})$/.exec(flags.barrier)
    const port = address ? Number(address[2]) : 0
    if (!address || port < 1 || port > 65_535) return { ok: false, message: `--barrier: give HOST:PORT, such as stampede-0.stampede:7070, not "${flags.barrier}".` }
    const timeoutMs = flags['barrier-timeout'] === undefined ? DEFAULT_BARRIER_TIMEOUT_MS : typedDurationMs(flags['barrier-timeout'])
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      return { ok: false, message: `--barrier-timeout: give a duration such as 120s or 5m, not "${flags['barrier-timeout']}".` }
    }
    run.barrier = { host: address[1].replace(/^\[(.*)\]$/, '$1'), port, timeoutMs }
  } else if (flags['barrier-timeout'] !== undefined) {
    return { ok: false, message: '--barrier-timeout is how long --barrier waits: give --barrier HOST:PORT too.' }
  }
  return { ok: true, run: Object.keys(run).length > 0 ? run : undefined }
}

function readSegment(flags: DistributedFlags, env: (name: string) => string | undefined): SegmentOf | string | undefined {
  if (flags.segment !== undefined && flags.segments !== undefined) {
    return '--segment K/N and --segments N: choose one (--segments takes K from JOB_COMPLETION_INDEX).'
  }
  if (flags.segment !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(flags.segment.trim())
    const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0]
    if (!match || count < 1 || count > MAX_SEGMENTS || index < 1 || index > count) {
      return `--segment: give K/N with K from 1 to N (segment 1/4 is the first of four), not "${flags.segment}".`
    }
    return { index, count }
  }
  if (flags.segments === undefined) return undefined
  const count = Number(flags.segments)
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEGMENTS) return `--segments: give a whole number of segments, from 1 to ${MAX_SEGMENTS}, not "${flags.segments}".`
  const text = env(COMPLETION_INDEX_VARIABLE)
  if (text === undefined) {
    return `--segments ${count} takes this generator's index from ${COMPLETION_INDEX_VARIABLE} (0-based, as Kubernetes sets it), which is not set; or give --segment K/N.`
  }
  const zeroBased = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!(zeroBased < count)) return `${COMPLETION_INDEX_VARIABLE} is "${text}": expected 0 to ${count - 1} for --segments ${count}.`
  return { index: zeroBased + 1, count }
}

/** ISO 8601 with a date and a time, or whole epoch milliseconds. */
export function readInstant(text: string): number | undefined {
  const trimmed = text.trim()
  if (/^\d{10,}$/.test(trimmed)) return Number(trimmed)
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : at
}
