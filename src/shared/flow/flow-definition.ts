/**
 * A flow as a test file (version 2) describes it, after the file's form is read and before it is
 * compiled: the words of the file, typed. The contract between the test file, the window's step
 * editor and the importers (HAR, Postman, cURL); the engine runs the compiled form
 * (compiled-flow.ts), never this.
 *
 * Vocabulary, one word per idea: a *step* is one request of a flow; an *iteration* is one pass
 * through the steps by one *virtual user*; a *capture* takes a value from a response into a
 * variable; a *check* judges a response.
 */

export const CAPTURE_SOURCES = ['json', 'header', 'regex', 'cookie'] as const
export type CaptureSource = (typeof CAPTURE_SOURCES)[number]

/** `token: json $.token` in the file: the variable, where it is read from, and how. */
export interface CaptureDefinition {
  variable: string
  source: CaptureSource
  /** JSONPath, header name, regular expression (first group, else the whole match) or cookie name. */
  expression: string
}

/** Order in which iterations take the data file's rows. */
export const DATA_ORDERS = ['sequential', 'random', 'unique'] as const
export type DataOrder = (typeof DATA_ORDERS)[number]

export interface DataDefinition {
  /** As written: relative to the test file unless absolute. CSV with a header row, or JSON (an array of objects). */
  file: string
  order: DataOrder
}

/** A pause after a step: fixed when minMs === maxMs, else drawn uniformly in the range. */
export interface ThinkTime {
  minMs: number
  maxMs: number
}

export interface StepDefinition {
  /** As written; absent: the step is named `METHOD URL` with the URL as written (stepName()). */
  name?: string
  /** Upper case. */
  method: string
  /** Templates: any text may hold {{variable}} and built-ins such as {{$randomInt 1 500}}. */
  url: string
  headers: Array<[name: string, value: string]>
  body?: string
  captures: CaptureDefinition[]
  /** As written, such as `status == 200` or `json $.ok == true`: parsed once before the run. */
  checks: string[]
  think?: ThinkTime
  /** Judged on this step alone, as written (`p99<250ms`). */
  thresholds: string[]
  /** How much of a body captures and checks may read; absent: the default (1 MB). */
  bodyLimitBytes?: number
  /** Kept in the file but not sent (the window's Disable). */
  disabled?: boolean
}

export interface FlowDefinition {
  /** Text variables, used as {{name}} in any text of any step. */
  variables: Array<[name: string, value: string]>
  data?: DataDefinition
  steps: StepDefinition[]
}

/** A step's name everywhere a result is shown: its own, else METHOD and the URL as written. */
export function stepName(step: Pick<StepDefinition, 'name' | 'method' | 'url'>): string {
  return step.name ?? `${step.method} ${step.url}`
}
