import type { RunPlan } from '../shared/run-plan'
import { classifyOutcomes, errorRate } from '../shared/request-outcomes'
import { crashMessage, type ErrorKind, type LatencySummary, type RunOutcome, type RunResult } from '../shared/run-snapshot'

/** How the run was set up: the plan it carried out and the engine processes it was split between. */
export interface RunSetup {
  plan: RunPlan
  workers: number
}

/**
 * The plan as validated, defaults filled in and stages included, so a report says what was run. The
 * body is given by its size (it may be megabytes); the rest is as typed.
 */
export type JsonPlan = Omit<RunPlan, 'body'> & {
  bodyBytes: number
  /** Engine processes the run was split between. */
  workers: number
}

/** What `--json` prints: one object, the same fields whatever happened, so scripts can rely on it. */
export interface JsonReport {
  url: string
  method: string
  /** The classes of src/shared/request-outcomes.ts: sent = completed + failed + aborted. */
  requests: {
    sent: number
    /** A full response arrived, whatever its status: responses.ok + responses.clientOrServerError. */
    completed: number
    /** Ended without a response, for a reason of the target's or the network's (see `errors`). */
    failed: number
    /** Cut short by the user's own cancel (errors.cancelled). */
    aborted: number
  }
  responses: {
    /** 1xx-3xx. */
    ok: number
    /** 4xx-5xx. */
    clientOrServerError: number
  }
  /** (responses.clientOrServerError + requests.failed) / (requests.sent - requests.aborted). */
  errorRate: number
  statusCodes: Record<string, number>
  errors: Partial<Record<ErrorKind, number>>
  latencyMs: LatencySummary
  durationMs: number
  rps: number
  bytesRead: number
  /** How the run ended: 'finished', 'cancelled' (Ctrl-C) or 'crashed' (an engine died or refused). */
  outcome: RunOutcome
  /** Only when the outcome is not 'finished': why, in a sentence. */
  error?: string
  /** outcome === 'cancelled', kept for the scripts that read it before `outcome` existed. */
  cancelled: boolean
  plan: JsonPlan
}

export function jsonReport({ plan, workers }: RunSetup, result: RunResult): JsonReport {
  const outcomes = classifyOutcomes(result)
  const { sent, completed, failed, aborted, ok, clientOrServerError } = outcomes
  return {
    url: plan.url,
    method: plan.method,
    requests: { sent, completed, failed, aborted },
    responses: { ok, clientOrServerError },
    errorRate: round(errorRate(outcomes), 6),
    statusCodes: { ...result.statusCodes },
    errors: { ...result.errorKinds },
    latencyMs: roundEach(result.latencyMs, 3),
    durationMs: round(result.elapsedMs, 1),
    rps: round(result.requestsPerSecond, 1),
    bytesRead: result.bytesRead,
    outcome: result.outcome,
    ...(result.outcome === 'finished' ? {} : { error: outcomeError(result) }),
    cancelled: result.outcome === 'cancelled',
    plan: jsonPlan(plan, workers)
  }
}

function jsonPlan(plan: RunPlan, workers: number): JsonPlan {
  const { body, ...typed } = plan
  return { ...typed, bodyBytes: body === undefined ? 0 : Buffer.byteLength(body), workers }
}

function outcomeError(result: RunResult): string {
  if (result.outcome === 'cancelled') return 'Cancelled (Ctrl-C) before the run finished: these are the results until then.'
  return result.message ?? crashMessage()
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
