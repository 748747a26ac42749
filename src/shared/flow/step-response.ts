/**
 * A response as captures and checks see it: what the engine read of it, and only what the step
 * needs (its body only when a capture or check reads it, up to the step's limit).
 */
export interface StepResponse {
  status: number
  /** From the step's send (the iteration's due time, for an open model's first step) to the last byte. */
  latencyMs: number
  /** The first value of a header, by its name in lower case; undefined when absent. */
  header(lowerCaseName: string): string | undefined
  /** The body as text, up to the limit; undefined when the step does not read it. */
  body: string | undefined
  /** The body was longer than the limit: `body` holds only its start. */
  bodyCut: boolean
  /** A cookie the virtual user's jar holds for this step's URL, after this response. */
  cookie(name: string): string | undefined
}

/** What a step must read of its responses for its captures and checks. */
export interface ResponseNeeds {
  body: boolean
  headers: boolean
}
