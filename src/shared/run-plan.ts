import { shapeDurationMs, type LoadStage } from './load-shape'
import type { FlowPlan } from './flow/flow-plan'

/** How requests travel: HTTP/1.1, HTTP/2 over TLS (offered by ALPN), or HTTP/2 cleartext (h2c). */
export const PROTOCOLS = ['http1', 'h2', 'h2c'] as const
export type Protocol = (typeof PROTOCOLS)[number]

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
   * When to stop: after totalRequests requests, durationMs after the start, or at the end of the
   * stages, whichever comes first; at least one is set. Requests in flight when the time is up still
   * finish (bounded by timeoutMs), so every request sent is accounted for.
   */
  totalRequests?: number
  durationMs?: number
  /**
   * Connections. In the closed model each sends its next request when the last one answers; with
   * stages, this is the number the shape starts from (0 allowed).
   */
  concurrency: number
  /** Requests in flight per connection: HTTP/1.1 pipelining, or HTTP/2 streams; 1 is none. */
  pipelining: number
  /**
   * The open model: requests start at this steady rate whatever the server does, and latency counts
   * from when each was due, not when a free connection let it go. With stages, the rate the shape
   * starts from (0 allowed). Absent: the closed model.
   */
  ratePerSecond?: number
  /**
   * A load shape (./load-shape.ts): the target ramps linearly from the one before, starting from
   * ratePerSecond in the open model (targets are rates) or from concurrency in the closed model
   * (targets are connections, opened and retired as the shape says). Absent: a constant load.
   */
  stages?: LoadStage[]
  protocol: Protocol
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
  /**
   * A flow of steps (./flow/flow-plan.ts): each virtual user (one per connection) runs iterations
   * through the steps. Absent: one request, as before (`url`, `method`, `headers`, `body`); with a
   * flow `url` is its first step's with the file's variables filled in, for display, and those four
   * are not sent.
   */
  flow?: FlowPlan
  /** A flow only: stop after this many iterations (with durationMs and stages, whichever comes first). */
  iterations?: number
}

/** A plan as it may be written before validation fills in the defaults. */
export type RunPlanInput = Pick<RunPlan, 'url'> & Partial<Omit<RunPlan, 'url'>>

export const PLAN_DEFAULTS = {
  method: 'GET',
  totalRequests: 1000,
  concurrency: 50,
  pipelining: 1,
  timeoutMs: 10_000,
  protocol: 'http1',
  insecure: false
} as const

/** Past these a run is a typo, not a test: refuse it where it was typed. */
export const PLAN_LIMITS = {
  totalRequests: 100_000_000,
  iterations: 100_000_000,
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
  stages: 100,
  /** Engine processes one run may be split between (see src/control/engine-group.ts). */
  workers: 256
} as const

/**
 * When the clock ends the run: after durationMs or at the end of the stages, whichever comes
 * first; undefined when only a request count does.
 */
export function runLengthMs(plan: Pick<RunPlan, 'durationMs' | 'stages'>): number | undefined {
  const shapeMs = plan.stages === undefined ? undefined : shapeDurationMs(plan.stages)
  if (plan.durationMs === undefined) return shapeMs
  return shapeMs === undefined ? plan.durationMs : Math.min(plan.durationMs, shapeMs)
}

/**
 * What a shaped plan's targets count: requests a second when it has a rate (the open model),
 * connections otherwise; and the target its shape starts from.
 */
export function shapeOf(plan: Pick<RunPlan, 'ratePerSecond' | 'concurrency' | 'stages'>):
  | { unit: 'rate' | 'connections'; start: number; stages: LoadStage[] }
  | undefined {
  if (plan.stages === undefined) return undefined
  return plan.ratePerSecond === undefined
    ? { unit: 'connections', start: plan.concurrency, stages: plan.stages }
    : { unit: 'rate', start: plan.ratePerSecond, stages: plan.stages }
}
