import type { RunSnapshot } from './run-snapshot'

/**
 * The one classification of a run's requests, shown under these names by the window, the CLI's
 * summary and progress line, and --json. Every request that starts ends exactly one way:
 *
 *   sent = completed + failed + aborted
 *   completed = ok + clientOrServerError      (a full response arrived, whatever its status)
 *
 * - ok: a 1xx-3xx response (shown as "2xx–3xx": a final response is never 1xx in practice).
 * - clientOrServerError: a 4xx or 5xx response.
 * - failed: ended without a response, for a reason of the target's or the network's (error kinds
 *   refused, reset, timeout, dns, tls, protocol, other).
 * - aborted: cut short by the user's own Cancel or Ctrl-C (error kind 'cancelled'): neither the
 *   target's fault nor a success.
 */
export interface RequestOutcomes {
  sent: number
  completed: number
  ok: number
  clientOrServerError: number
  failed: number
  aborted: number
}

export function classifyOutcomes(snapshot: Pick<RunSnapshot, 'statusCodes' | 'errorKinds'>): RequestOutcomes {
  let ok = 0
  let clientOrServerError = 0
  for (const [code, count] of Object.entries(snapshot.statusCodes)) {
    if (Number(code) < 400) ok += count
    else clientOrServerError += count
  }
  let withoutResponse = 0
  for (const count of Object.values(snapshot.errorKinds)) withoutResponse += count ?? 0
  const aborted = snapshot.errorKinds.cancelled ?? 0
  const completed = ok + clientOrServerError
  const failed = withoutResponse - aborted
  return { sent: completed + withoutResponse, completed, ok, clientOrServerError, failed, aborted }
}

/**
 * The error rate a user reads, as a fraction: requests answered 4xx-5xx or not answered at all, of
 * the requests the user did not abort. 0 before any request ends.
 */
export function errorRate(outcomes: RequestOutcomes): number {
  const judged = outcomes.sent - outcomes.aborted
  return judged > 0 ? (outcomes.clientOrServerError + outcomes.failed) / judged : 0
}

/** The share of the same requests answered 4xx-5xx (the "4xx–5xx rate"), as a fraction. */
export function clientOrServerErrorRate(outcomes: RequestOutcomes): number {
  const judged = outcomes.sent - outcomes.aborted
  return judged > 0 ? outcomes.clientOrServerError / judged : 0
}
