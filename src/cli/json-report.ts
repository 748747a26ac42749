import type { RunPlan } from '../shared/run-plan'
import { countEnded, type ErrorKind, type LatencySummary, type RunResult } from '../shared/run-snapshot'

/** What `--json` prints: one object, the same fields whatever happened, so scripts can rely on it. */
export interface JsonReport {
  url: string
  method: string
  requests: {
    /** completed + failed: every request that started has ended one way or the other. */
    sent: number
    /** A full response arrived, whatever its status. */
    completed: number
    /** Ended without a full response (see `errors`). */
    failed: number
  }
  statusCodes: Record<string, number>
  errors: Partial<Record<ErrorKind, number>>
  latencyMs: LatencySummary
  durationMs: number
  rps: number
  bytesRead: number
  cancelled: boolean
}

export function jsonReport(plan: RunPlan, result: RunResult): JsonReport {
  const { completed, failed } = countEnded(result)
  return {
    url: plan.url,
    method: plan.method,
    requests: { sent: completed + failed, completed, failed },
    statusCodes: { ...result.statusCodes },
    errors: { ...result.errorKinds },
    latencyMs: roundEach(result.latencyMs, 3),
    durationMs: round(result.elapsedMs, 1),
    rps: round(result.requestsPerSecond, 1),
    bytesRead: result.bytesRead,
    cancelled: result.outcome === 'cancelled'
  }
}

/** Microseconds are the histogram's own resolution: more digits would be noise. */
function roundEach(latency: LatencySummary, digits: number): LatencySummary {
  const rounded = { ...latency }
  for (const key of Object.keys(rounded) as Array<keyof LatencySummary>) rounded[key] = round(rounded[key], digits)
  return rounded
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
