/**
 * What the HAR and cURL importers read a recording into, before anything is judged: each exchange
 * as it was sent and, when the recording has it, as it was answered. The noise filter, the
 * correlation and the secrets' list (./build-import.ts) work on this, never on a HAR's own shape,
 * so a pasted cURL command is imported exactly as a recorded request is.
 */

export type HeaderList = Array<[name: string, value: string]>

export interface RecordedRequest {
  /** Upper case. */
  method: string
  /** Absolute http(s) URL, as sent. */
  url: string
  headers: HeaderList
  body?: string
  /** Parts of the body the recording has but Stampede cannot send (form-data files), named. */
  unsentParts?: string[]
}

export interface RecordedResponse {
  status: number
  headers: HeaderList
  /** The body as text, at most RESPONSE_TEXT_LIMIT characters (enough for tokens and forms). */
  text?: string
  /** The recording's content type, lower case, parameters removed; '' when unknown. */
  mimeType: string
}

export interface RecordedExchange {
  request: RecordedRequest
  response?: RecordedResponse
  /** ms since the epoch when the request started; absent when the recording has no times. */
  startedMs?: number
  /** ms the exchange took, start to last byte. */
  durationMs?: number
  /** A browser's own word for what loaded the resource (Chrome's _resourceType: document, script, xhr…). */
  resourceType?: string
}

export interface Recording {
  /** What the recording calls itself: a page's title, a collection's name; absent when it says nothing. */
  title?: string
  /** The host of the first page loaded, when the recording says (HAR pages). */
  firstPageHost?: string
  exchanges: RecordedExchange[]
}

/** Tokens, CSRF values and forms sit near the start of a body; a body is kept for correlation up to this. */
export const RESPONSE_TEXT_LIMIT = 256 * 1024
