import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { once } from 'node:events'

/**
 * A local HTTP target that counts what it receives: the truth every load test compares against.
 * It lives in the test's process, never in the code under test.
 */
export type Responder = (req: IncomingMessage, res: ServerResponse, index: number) => void

export const respondOk: Responder = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' })
  res.end('ok')
}

export const respondStatus =
  (status: number): Responder =>
  (_req, res) => {
    res.writeHead(status, { 'content-length': '0' })
    res.end()
  }

/** Destroys the socket as soon as a request arrives: the client sees the connection reset. */
export const resetConnection: Responder = (req) => {
  req.socket.resetAndDestroy()
}

/** Answers with bytes that are not HTTP: the client's parser must fail. */
export const respondGarbage: Responder = (req) => {
  req.socket.end('SPLAT 200 not http at all\r\n\r\n')
}

/** Reads the request and never answers: the client must time out or abort. */
export const neverRespond: Responder = () => {}

/**
 * Calls `fire` no sooner than `delayMs` after now by performance.now(), the clock the engine measures
 * latency with; returns what cancels it. A bare setTimeout counts from libuv's cached loop time,
 * which may lag, so it can fire a fraction of a ms early (a 1 s delay was once measured as
 * 999.847 ms): this re-arms for whatever is left, so a test may bound latency from below by it.
 */
export function afterAtLeast(delayMs: number, fire: () => void): () => void {
  const dueAt = performance.now() + delayMs
  let timer: NodeJS.Timeout
  const check = (): void => {
    const left = dueAt - performance.now()
    if (left > 0) timer = setTimeout(check, left)
    else fire()
  }
  timer = setTimeout(check, delayMs)
  return () => clearTimeout(timer)
}

/** Answers with `then` at least `delayMs` after the request's head arrived. */
export const respondAfter =
  (delayMs: number, then: Responder = respondOk): Responder =>
  (req, res, index) => {
    const cancel = afterAtLeast(delayMs, () => then(req, res, index))
    res.on('close', cancel)
  }

/** Answers the first `answered` requests, then holds every later one open. */
export const answerThenHold =
  (answered: number): Responder =>
  (req, res, index) => {
    if (index < answered) respondOk(req, res, index)
  }

/** What a recording responder saw of one request. */
export interface RecordedRequest {
  method: string
  url: string
  /** Names and values as sent, in order, flat: [name, value, name, value, ...]. */
  rawHeaders: string[]
  body: string
}

/** Reads each request's whole body, keeps what arrived, then answers with `then`. */
/** A plausible service for pictures: mostly quick 200s with a slow tail, some 404s and 503s, a few dropped connections. */
export const plausibleService: Responder = (req, res, index) => {
  if (index % 997 === 500) return resetConnection(req, res, index)
  if (index % 61 === 7) return respondStatus(503)(req, res, index)
  if (index % 149 === 11) return respondStatus(404)(req, res, index)
  const delayMs = index % 50 === 0 ? 40 + (index % 7) * 10 : 2 + (index % 9)
  respondAfter(delayMs)(req, res, index)
}

export function recordRequests(then: Responder = respondOk): { respond: Responder; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const respond: Responder = (req, res, index) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body })
      then(req, res, index)
    })
  }
  return { respond, requests }
}

/** Notes when each request arrived (performance.now(), this process's clock), then answers with `then`. */
export function recordArrivals(then: Responder = respondOk): { respond: Responder; arrivals: number[] } {
  const arrivals: number[] = []
  const respond: Responder = (req, res, index) => {
    arrivals.push(performance.now())
    then(req, res, index)
  }
  return { respond, arrivals }
}

/**
 * Upper bounds, from what the server saw, on the latency a closed-model client without pipelining
 * measures: it sends a connection's next request only once the last response has fully arrived, so
 * request k's latency (its send to its last byte) is shorter than from when the server began to
 * answer request k-1 to when request k+1 arrived. The first and last request of each connection
 * have no such bound. This holds however busy the machine is, unlike a fixed allowance over the
 * server's delay.
 */
export function boundLatencies(then: Responder = respondOk): { respond: Responder; latencyBoundMs(percentile: number): number } {
  const bySocket = new Map<Socket, Array<{ arrivedAt: number; answeringAt: number }>>()
  const respond: Responder = (req, res, index) => {
    const seen = { arrivedAt: performance.now(), answeringAt: Infinity }
    const list = bySocket.get(req.socket) ?? []
    list.push(seen)
    bySocket.set(req.socket, list)
    // Noted before the bytes go out: the client cannot have them, nor send again, any earlier.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    res.end = ((...args: unknown[]) => {
      seen.answeringAt = performance.now()
      return end(...args)
    }) as typeof res.end
    then(req, res, index)
  }
  return {
    respond,
    /** The bound on the client's percentile, as HdrHistogram reports it (its bucket's top, at most 0.1% above). */
    latencyBoundMs(percentile) {
      const bounds: number[] = []
      for (const list of bySocket.values()) {
        list.forEach((_, k) => bounds.push(k > 0 && k < list.length - 1 ? list[k + 1].arrivedAt - list[k - 1].answeringAt : Infinity))
      }
      bounds.sort((a, b) => a - b)
      const rank = Math.max(1, Math.ceil((percentile / 100) * bounds.length))
      return bounds[rank - 1] * 1.001 + 0.001
    }
  }
}

/**
 * Watches how many requests each connection has outstanding (arrived, not yet answered): a client
 * that pipelines shows more than one at some moment, one that does not never does.
 */
export function trackOutstanding(then: Responder = respondOk): { respond: Responder; readonly maxPerSocket: number } {
  const outstanding = new WeakMap<Socket, number>()
  let maxPerSocket = 0
  const respond: Responder = (req, res, index) => {
    const socket = req.socket
    const count = (outstanding.get(socket) ?? 0) + 1
    outstanding.set(socket, count)
    maxPerSocket = Math.max(maxPerSocket, count)
    let answered = false
    const settle = (): void => {
      if (answered) return
      answered = true
      outstanding.set(socket, (outstanding.get(socket) ?? 1) - 1)
    }
    res.on('finish', settle)
    res.on('close', settle)
    then(req, res, index)
  }
  return {
    respond,
    get maxPerSocket() {
      return maxPerSocket
    }
  }
}

export interface TargetServer {
  readonly url: string
  readonly port: number
  /** Requests whose head arrived, in all. */
  readonly received: number
  /** Connections accepted, in all. */
  readonly connections: number
  readonly openSockets: number
  /** The most connections open at once since the server started. */
  readonly peakSockets: number
  /** Resolves once `count` requests have arrived in all. */
  waitForReceived(count: number): Promise<void>
  /** Resolves once every connection a client opened has closed. */
  waitForSocketsClosed(): Promise<void>
  close(): Promise<void>
}

export interface TargetOptions {
  /** Serve HTTPS with this key and certificate (see ./self-signed.ts) instead of plain HTTP. */
  tls?: { key: string; cert: string }
}

export async function startTargetServer(respond: Responder = respondOk, options: TargetOptions = {}): Promise<TargetServer> {
  let received = 0
  let connections = 0
  let peakSockets = 0
  const sockets = new Set<Socket>()
  const waiters: Array<{ count: number; resolve: () => void }> = []
  const closeWaiters: Array<() => void> = []

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const index = received++
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (received >= waiters[i].count) waiters.splice(i, 1)[0].resolve()
    }
    req.resume()
    respond(req, res, index)
  }
  const server = options.tls
    ? createTlsServer({ keepAliveTimeout: 60_000, ...options.tls }, onRequest)
    : createServer({ keepAliveTimeout: 60_000 }, onRequest)
  // For TLS, 'connection' is the TCP socket, before the handshake: a refused certificate still counts.
  server.on('connection', (socket) => {
    connections++
    sockets.add(socket)
    peakSockets = Math.max(peakSockets, sockets.size)
    socket.on('close', () => {
      sockets.delete(socket)
      if (sockets.size === 0) closeWaiters.splice(0).forEach((resolve) => resolve())
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    port,
    get received() {
      return received
    },
    get connections() {
      return connections
    },
    get openSockets() {
      return sockets.size
    },
    get peakSockets() {
      return peakSockets
    },
    waitForReceived(count) {
      if (received >= count) return Promise.resolve()
      return new Promise((resolve) => waiters.push({ count, resolve }))
    },
    waitForSocketsClosed() {
      if (sockets.size === 0) return Promise.resolve()
      return new Promise((resolve) => closeWaiters.push(resolve))
    },
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    }
  }
}

/** The targets one test starts, closed together when it ends (call closeAll from afterEach). */
export class TargetServers {
  private readonly started: TargetServer[] = []

  async start(respond?: Responder, options?: TargetOptions): Promise<TargetServer> {
    const server = await startTargetServer(respond, options)
    this.started.push(server)
    return server
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((server) => server.close()))
  }
}

/** A URL on a port that was free a moment ago and has nothing listening: connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return `http://127.0.0.1:${port}/`
}
