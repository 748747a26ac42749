/** What the user asked for: one load test against one URL. Validated by ./validation.ts. */
export interface RunPlan {
  url: string
  /** Upper case, as sent: GET, POST, ... */
  method: string
  /** Sent with every request, in order; a name may repeat. */
  headers: Array<[name: string, value: string]>
  /** Sent with every request; absent for none. */
  body?: string
  /**
   * When to stop: after totalRequests requests, or durationMs after the start, whichever comes
   * first; at least one is set. Requests in flight when the time is up still finish (bounded by
   * timeoutMs), so every request sent is accounted for.
   */
  totalRequests?: number
  durationMs?: number
  /** Connections. In the closed model each sends its next request when the last one answers. */
  concurrency: number
  /** Requests in flight per connection (HTTP/1.1 pipelining); 1 is none. */
  pipelining: number
  /**
   * The open model: requests start at this steady rate whatever the server does, and latency counts
   * from when each was due, not when a free connection let it go. Absent: the closed model.
   */
  ratePerSecond?: number
  /** Per-request limit, from dispatch until the whole response has been read. */
  timeoutMs: number
  /**
   * Engine processes the run is split between, each with its own event loop and connections
   * (src/control/engine-group.ts). Absent: the front end's default (one per core but one).
   */
  workers?: number
  /**
   * Accept any TLS certificate (self-signed, expired, for another host): for test servers only.
   * The connection is still encrypted, but nothing proves who is at the other end.
   */
  insecure: boolean
}

/** A plan as it may be written before validation fills in the defaults. */
export type RunPlanInput = Pick<RunPlan, 'url'> & Partial<Omit<RunPlan, 'url'>>

export const PLAN_DEFAULTS = {
  method: 'GET',
  totalRequests: 1000,
  concurrency: 50,
  pipelining: 1,
  timeoutMs: 10_000,
  insecure: false
} as const

/** Past these a run is a typo, not a test: refuse it where it was typed. */
export const PLAN_LIMITS = {
  totalRequests: 100_000_000,
  /** A day. */
  durationMs: 86_400_000,
  concurrency: 10_000,
  pipelining: 1_000,
  ratePerSecond: 10_000_000,
  timeoutMs: 600_000,
  urlLength: 2048,
  headers: 100,
  headerLength: 16_384,
  bodyBytes: 10 * 1024 * 1024,
  /** Engine processes one run may be split between (see src/control/engine-group.ts). */
  workers: 256
} as const
