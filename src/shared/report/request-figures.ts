import { classifyOutcomes, clientOrServerErrorRate, errorRate } from '../request-outcomes'
import { ERROR_KINDS, type ErrorKind, type LatencySummary, type RunSnapshot } from '../run-snapshot'
import { REPORT_DIGITS, round, roundEach } from './report-rounding'

/**
 * The request figures of a report, from the run's counts or one step's: one function for both, so
 * a step's JSON has exactly the shape and the rounding of the run's (src/shared/request-outcomes.ts).
 */
export interface RequestFigures {
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
  /** responses.clientOrServerError / (requests.sent - requests.aborted): the 4xx–5xx rate. */
  clientOrServerErrorRate: number
  statusCodes: Record<string, number>
  errors: Partial<Record<ErrorKind, number>>
  /**
   * Only when a request ended in an error: the first message of each kind seen, as the engine gave
   * it (at most ERROR_EXAMPLE_LENGTH characters), for people to read. Untrusted text: a writer escapes it.
   */
  errorExamples?: Partial<Record<ErrorKind, string>>
  /** To the last byte: from the send (closed model) or the due time (open model). */
  latencyMs: LatencySummary
  /** Time to first byte (the response's headers), from the same start as latencyMs. */
  ttfbMs: LatencySummary
}

type Counted = Pick<RunSnapshot, 'statusCodes' | 'errorKinds' | 'errorExamples' | 'latencyMs' | 'ttfbMs'>

export function requestFigures(counted: Counted): RequestFigures {
  const outcomes = classifyOutcomes(counted)
  const { sent, completed, failed, aborted, ok, clientOrServerError } = outcomes
  return {
    requests: { sent, completed, failed, aborted },
    responses: { ok, clientOrServerError },
    errorRate: round(errorRate(outcomes), REPORT_DIGITS.rate),
    clientOrServerErrorRate: round(clientOrServerErrorRate(outcomes), REPORT_DIGITS.rate),
    statusCodes: { ...counted.statusCodes },
    errors: { ...counted.errorKinds },
    ...errorExamplesOf(counted),
    latencyMs: roundEach(counted.latencyMs),
    ttfbMs: roundEach(counted.ttfbMs)
  }
}

/** The examples of the kinds that occurred; nothing at all when none did. */
function errorExamplesOf(counted: Pick<Counted, 'errorKinds' | 'errorExamples'>): Pick<RequestFigures, 'errorExamples'> {
  const examples: Partial<Record<ErrorKind, string>> = {}
  for (const kind of ERROR_KINDS) {
    const example = counted.errorExamples?.[kind]
    if (example !== undefined && (counted.errorKinds[kind] ?? 0) > 0) examples[kind] = example
  }
  return Object.keys(examples).length > 0 ? { errorExamples: examples } : {}
}
