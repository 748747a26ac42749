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
  /** Replaced when the connection opens again after being retired, or after undici broke it. */
  client: Client
  /**
   * How many times a slot's deadline cut a request off on this connection. Cutting one closes the
   * socket, and the requests pipelined behind it go down with it: they count as timed out too.
   */
  deadlineCuts = 0
  /** Requests sent that undici has not yet written to a socket (waiting for a connection). */
  private unwritten = 0
  /** Slots whose request is written on the current socket and has not ended, the oldest first. */
  private readonly written: RequestSlot[] = []
  /** The socket the Client holds now (a retired or replaced Client's may still be closing). */
  private socket: Socket | undefined
  /** What the current socket failed with, if anything: the oldest request's reason. */
  private socketError: (Error & { code?: string }) | undefined

  private readonly connector: buildConnector.connector

  constructor(
    /** Its place in the run's list: the closed model's shape opens connections from 0 upwards. */
    readonly index: number,
    private readonly origin: string,
    private readonly plan: RunPlan,
    /** Told of every Client the connection makes, its first and any later one. */
    private readonly onNewClient: (client: Client) => void
  ) {
    this.connector = buildConnector({
      timeout: plan.timeoutMs,
      // rejectUnauthorized is Node's TLS check of the certificate; plain http ignores it.
      rejectUnauthorized: !plan.insecure,
      // h2 offered by ALPN on TLS; h2c spoken from the first byte on a cleartext socket (prior
      // knowledge). undici 7 reads useH2c (lib/core/connect.js); its BuildOptions type lacks it.
      allowH2: plan.protocol !== 'http1',
      ...(plan.protocol === 'h2c' ? ({ useH2c: true } as buildConnector.BuildOptions) : {})
    })
    this.client = this.newClient()
  }

  /** A closed Client stays closed: the next request on this connection needs a new one. */
  renew(): void {
    this.client = this.newClient()
  }

  /**
   * Fails whatever the Client still holds with `reason` and puts a fresh one in its place: for a
   * Client undici can no longer send on (see RequestSlot.onError).
   */
  replaceBroken(reason: Error): void {
    this.client.destroy(reason).catch(reportCloseFailure)
    this.renew()
  }

  private newClient(): Client {
    const client = new Client(this.origin, {
      // With HTTP/2, the streams a connection carries at once.
      pipelining: this.plan.pipelining,
      ...(this.plan.protocol === 'http1' ? {} : { maxConcurrentStreams: this.plan.pipelining }),
      // A tick later, as any real connect answers: undici does not resume from inside its own call.
      connect: (options, callback) =>
        process.nextTick(() => {
          if (this.unwritten === 0) return callback(new NoRequestToSendError(), null)
          this.connector(options, (...outcome) => {
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
    this.onNewClient(client)
    return client
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
    this.socket = socket
    this.socketError = undefined
    // A replaced Client's socket may close after the new one has written requests: not theirs.
    socket.on('error', (error) => {
      if (socket === this.socket) this.socketError = error
    })
    // First in line, before undici's own listener re-queues the requests.
    socket.prependOnceListener('close', () => {
      if (socket === this.socket) this.socketClosed()
    })
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
 * would route every request a second time to find a free connection the slot already has. A Client
 * connects for its first request, so a connection a shape has not opened yet costs no socket.
 */
export class TargetConnections {
  readonly all: TargetConnection[] = []
  /** Retired Clients still closing their socket. */
  private readonly closing = new Set<Promise<void>>()

  constructor(plan: RunPlan, count: number, onNewClient: (client: Client) => void = () => {}) {
    const origin = new URL(plan.url).origin
    for (let index = 0; index < count; index++) this.all.push(new TargetConnection(index, origin, plan, onNewClient))
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

function reportCloseFailure(error: unknown): void {
  console.error('engine: closing a connection failed:', error)
}
