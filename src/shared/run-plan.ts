/** What the user asked for: one load test against one URL. Validated by ./validation.ts. */
export interface RunPlan {
  url: string
  /** How many requests to send in all. */
  totalRequests: number
  /** How many connections send at once; each sends its next request when the last one ends. */
  concurrency: number
  /** Per-request limit, from dispatch until the whole response has been read. */
  timeoutMs: number
}

export const PLAN_DEFAULTS = {
  totalRequests: 1000,
  concurrency: 50,
  timeoutMs: 10_000
} as const

/** Past these a run is a typo, not a test: refuse it where it was typed. */
export const PLAN_LIMITS = {
  totalRequests: 100_000_000,
  concurrency: 10_000,
  timeoutMs: 600_000,
  urlLength: 2048
} as const
