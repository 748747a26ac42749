import { Client, type Dispatcher } from 'undici'
import type { RunPlan } from '../shared/run-plan'

/** One connection of the run, shared by its slots. */
export interface TargetConnection {
  readonly client: Client
  /**
   * How many times a slot's deadline cut a request off on this connection. Cutting one closes the
   * socket, and the requests pipelined behind it go down with it: they count as timed out too.
   */
  deadlineCuts: number
}

/**
 * The run's connections: one keep-alive undici Client per connection, each owned by its own slots
 * (./request-slot.ts). Slots dispatch straight to their Client rather than through a Pool, which
 * would route every request a second time to find a free connection the slot already has.
 */
export class TargetConnections {
  readonly all: TargetConnection[] = []

  constructor(plan: RunPlan) {
    const origin = new URL(plan.url).origin
    for (let i = 0; i < plan.concurrency; i++) {
      const client = new Client(origin, {
        pipelining: plan.pipelining,
        // rejectUnauthorized is Node's TLS check of the certificate; plain http ignores it.
        connect: { timeout: plan.timeoutMs, rejectUnauthorized: !plan.insecure },
        // The slot's own deadline covers headers and body, from dispatch to the last byte; undici's
        // two timers would be a second clock with different rules (its body timeout is idle time
        // between chunks), so they are off.
        headersTimeout: 0,
        bodyTimeout: 0
      })
      this.all.push({ client, deadlineCuts: 0 })
    }
  }

  /** Waits for what is in flight, then closes every socket. */
  async close(): Promise<void> {
    await Promise.all(this.all.map(({ client }) => client.close()))
  }

  /** Fails whatever is in flight or queued with `reason`, and closes every socket now. */
  async destroy(reason?: Error): Promise<void> {
    await Promise.all(this.all.map(({ client }) => client.destroy(reason ?? null)))
  }
}

/** The one options object every request of a run is dispatched with. */
export function requestOptionsFor(plan: RunPlan): Dispatcher.DispatchOptions {
  const url = new URL(plan.url)
  return {
    method: plan.method,
    path: url.pathname + url.search,
    headers: plan.headers.length > 0 ? plan.headers.flat() : undefined,
    // Encoded once: undici writes the same bytes for every request.
    body: plan.body === undefined ? undefined : Buffer.from(plan.body),
    // undici holds a connection's next request until the last one's headers arrive ("blocking"),
    // and never pipelines after a request it thinks unsafe to repeat; asked to pipeline, it must.
    blocking: false,
    idempotent: plan.pipelining > 1 ? true : undefined
  }
}
