import { Pool } from 'undici'
import type { RunPlan } from '../shared/run-plan'

/**
 * The run's connections: one keep-alive pool for the target's origin, one connection per unit of
 * concurrency, one request at a time on each (pipelining would measure the server differently).
 */
export function openTargetPool(plan: RunPlan): Pool {
  return new Pool(new URL(plan.url).origin, {
    connections: plan.concurrency,
    pipelining: 1,
    connect: { timeout: plan.timeoutMs },
    // The loop's own deadline (./request-loop.ts) covers headers and body, from dispatch to the last
    // byte; undici's two timers would be a second clock with different rules (its body timeout is idle
    // time between chunks), so they are off.
    headersTimeout: 0,
    bodyTimeout: 0
  })
}
