import { Client, type Dispatcher } from 'undici'
import type { RunPlan } from '../shared/run-plan'

/** One connection of the run, shared by its slots. */
export class TargetConnection {
  /** Replaced when the connection opens again after being retired, or after undici broke it. */
  client: Client
  /**
   * How many times a slot's deadline cut a request off on this connection. Cutting one closes the
   * socket, and the requests pipelined behind it go down with it: they count as timed out too.
   */
  deadlineCuts = 0

  constructor(
    /** Its place in the run's list: the closed model's shape opens connections from 0 upwards. */
    readonly index: number,
    private readonly origin: string,
    private readonly options: Client.Options
  ) {
    this.client = new Client(origin, options)
  }

  /**
   * Fails whatever the Client still holds with `reason` and puts a fresh one in its place: for a
   * Client undici can no longer send on (see RequestSlot.onError).
   */
  replaceBroken(reason: Error): void {
    this.client.destroy(reason).catch(reportCloseFailure)
    this.renew()
  }

  /** A closed Client stays closed: the next request on this connection needs a new one. */
  renew(): void {
    this.client = new Client(this.origin, this.options)
  }
}

/**
 * The run's connections: one keep-alive undici Client per connection, each owned by its own slots
 * (./request-slot.ts). Slots dispatch straight to their Client rather than through a Pool, which
 * would route every request a second time to find a free connection the slot already has. A Client
 * connects on its first request, so a connection a shape has not opened yet costs no socket.
 */
export class TargetConnections {
  readonly all: TargetConnection[] = []
  /** Retired Clients still closing their socket. */
  private readonly closing = new Set<Promise<void>>()

  constructor(plan: RunPlan, count: number) {
    const origin = new URL(plan.url).origin
    const options = clientOptionsFor(plan)
    for (let index = 0; index < count; index++) this.all.push(new TargetConnection(index, origin, options))
  }

  /** Closes the connection's socket once nothing is in flight on it (the closed model's shape fell). */
  retire(connection: TargetConnection): void {
    if (connection.client.closed) return
    const closing = connection.client.close().catch(reportCloseFailure)
    this.closing.add(closing)
    void closing.finally(() => this.closing.delete(closing))
  }

  /** Makes a retired connection usable again; its next request opens a new socket. */
  reopen(connection: TargetConnection): void {
    if (connection.client.closed) connection.renew()
  }

  /** Waits for what is in flight, then closes every socket. */
  async close(): Promise<void> {
    // A retired Client is closing or closed already (undici destroys it once closed: no second close).
    const open = this.all.filter(({ client }) => !client.closed)
    await Promise.all([...open.map(({ client }) => client.close()), ...this.closing])
  }

  /** Fails whatever is in flight or queued with `reason`, and closes every socket now. */
  async destroy(reason?: Error): Promise<void> {
    await Promise.all([...this.all.map(({ client }) => client.destroy(reason ?? null)), ...this.closing])
  }
}

/**
 * undici's Client settings for the plan. With HTTP/2, `pipelining` is the number of streams a
 * connection carries at once; `allowH2` offers h2 by ALPN on TLS, and `useH2c` speaks HTTP/2 from
 * the first byte on a cleartext connection (prior knowledge: no Upgrade round trip).
 */
function clientOptionsFor(plan: RunPlan): Client.Options {
  const http2 = plan.protocol !== 'http1'
  return {
    pipelining: plan.pipelining,
    connect: { timeout: plan.timeoutMs, ...(plan.insecure ? { rejectUnauthorized: false } : {}) },
    // The slot's own deadline covers headers and body, from dispatch to the last byte; undici's
    // two timers would be a second clock with different rules (its body timeout is idle time
    // between chunks), so they are off.
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(http2 ? { allowH2: true, maxConcurrentStreams: plan.pipelining } : {}),
    // undici 7 reads useH2c (lib/core/connect.js) but its Client.Options type does not list it yet.
    ...(plan.protocol === 'h2c' ? ({ useH2c: true } as Client.Options) : {})
  }
}

function reportCloseFailure(error: unknown): void {
  console.error('engine: closing a connection failed:', error)
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
