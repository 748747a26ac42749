import type { Socket } from 'node:net'
import { buildConnector, Client, type Dispatcher } from 'undici'
import type { RunPlan } from '../shared/run-plan'
import { NoRequestToSendError } from './abort-reason'
import type { RequestSlot } from './request-slot'

/**
 * One connection of the run, shared by its slots: an undici Client that holds one socket at a time.
 *
 * It watches its socket for one reason: when a socket closes with requests written on it, undici
 * would send them again on a new connection, and it would even open one for a request already
 * ended (nodejs/undici#5845). The server may have had the first, and the second carries nothing, so
 * the connection ends such requests itself, counted once, and only connects for a request that
 * still waits to be written.
 */
export class TargetConnection {
  readonly client: Client
  /**
   * How many times a slot's deadline cut a request off on this connection. Cutting one closes the
   * socket, and the requests pipelined behind it go down with it: they count as timed out too.
   */
  deadlineCuts = 0
  /** Requests sent that undici has not yet written to a socket (waiting for a connection). */
  private unwritten = 0
  /** Slots whose request is written on the current socket and has not ended, the oldest first. */
  private readonly written: RequestSlot[] = []
  /** What the current socket failed with, if anything: the oldest request's reason. */
  private socketError: (Error & { code?: string }) | undefined

  constructor(origin: string, plan: RunPlan) {
    // rejectUnauthorized is Node's TLS check of the certificate; plain http ignores it.
    const connector = buildConnector({ timeout: plan.timeoutMs, rejectUnauthorized: !plan.insecure })
    this.client = new Client(origin, {
      pipelining: plan.pipelining,
      // A tick later, as any real connect answers: undici does not resume from inside its own call.
      connect: (options, callback) =>
        process.nextTick(() => {
          if (this.unwritten === 0) return callback(new NoRequestToSendError(), null)
          connector(options, (...outcome) => {
            if (outcome[1]) this.watch(outcome[1])
            callback(...outcome)
          })
        }),
      // The slot's own deadline covers headers and body, from dispatch to the last byte; undici's
      // two timers would be a second clock with different rules (its body timeout is idle time
      // between chunks), so they are off.
      headersTimeout: 0,
      bodyTimeout: 0
    })
  }

  /** A slot hands undici a request for this connection. */
  requestSent(): void {
    this.unwritten++
  }

  /** undici is writing the slot's request on the current socket. */
  requestWritten(slot: RequestSlot): void {
    this.unwritten--
    this.written.push(slot)
  }

  /** The slot's request ended, with or without having been written. */
  requestEnded(slot: RequestSlot, wasWritten: boolean): void {
    if (!wasWritten) return void this.unwritten--
    // The oldest request is almost always the one that ends: this is the head of the array.
    const index = this.written.indexOf(slot)
    if (index !== -1) this.written.splice(index, 1)
  }

  private watch(socket: Socket): void {
    this.socketError = undefined
    socket.on('error', (error) => (this.socketError = error))
    // First in line, before undici's own listener re-queues the requests.
    socket.prependOnceListener('close', () => this.socketClosed())
  }

  /**
   * The oldest request gets the socket's own error, as undici would give it (a parse error, a
   * reset); undici's notes to itself (UND_ERR_INFO, e.g. our own abort) are not a reason. The
   * requests written behind it end as their slots judge (./request-slot.ts, connectionLost).
   */
  private socketClosed(): void {
    const lost = this.written.splice(0)
    const error = this.socketError
    const cause = error && error.code !== 'UND_ERR_INFO' ? error : undefined
    lost.forEach((slot, index) => slot.connectionLost(index === 0 ? cause : undefined))
  }
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
    for (let i = 0; i < plan.concurrency; i++) this.all.push(new TargetConnection(origin, plan))
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
