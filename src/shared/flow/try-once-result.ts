/**
 * What Try once shows (src/control/try-once.ts): one iteration of a flow, step by step, as it was
 * sent and answered. The window and the CLI read the same shape.
 */

/** A body shown to people is cut to this many characters; `bodyCut` says so. */
export const TRY_ONCE_BODY_CHARS = 4000

export interface TriedRequest {
  method: string
  /** After substitution: what went on the wire. */
  url: string
  headers: Array<[name: string, value: string]>
  body?: string
}

export interface TriedResponse {
  status: number
  headers: Array<[name: string, value: string]>
  /** The start of the body (at most TRY_ONCE_BODY_CHARS characters). */
  body: string
  bodyCut: boolean
  latencyMs: number
}

export interface TriedCapture {
  variable: string
  /** As written: `json $.token`. */
  capture: string
  value?: string
  /** Why it found nothing, when it did not. */
  why?: string
}

export interface TriedCheck {
  check: string
  passed: boolean
  note?: string
}

export interface TriedStep {
  /** Its index in the flow's list (disabled steps included), and its name as results show it. */
  index: number
  name: string
  request: TriedRequest
  response?: TriedResponse
  /** Why no response came: refused, timed out, ... */
  error?: string
  captures: TriedCapture[]
  checks: TriedCheck[]
}

export interface TryOnceResult {
  steps: TriedStep[]
  /** Set when the iteration ended before its last step, saying why (a capture found nothing, no response). */
  stoppedEarly?: string
  /** The data row the iteration took (the file's first), by column. */
  dataRow?: Record<string, string>
}
