import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import { createSecureServer, createServer as createH2cServer, type Http2Server, type Http2Session, type ServerHttp2Stream } from 'node:http2'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'

/**
 * Local targets for TLS and HTTP/2, counting what they receive like ./target-server.ts: an HTTP/1.1
 * server over TLS, and HTTP/2 servers over TLS (ALPN h2 only) and in cleartext (h2c, prior
 * knowledge). The certificate is the self-signed test fixture (./fixtures/README.md). Only for tests.
 */
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))
export const SELF_SIGNED = { key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }

export interface CountingTarget {
  readonly url: string
  /** Requests (HTTP/1.1) or streams (HTTP/2) whose head arrived, in all. */
  readonly received: number
  close(): Promise<void>
}

/** HTTP/1.1 over TLS with the self-signed certificate; answers every request 200 "ok". */
export async function startHttpsTarget(): Promise<CountingTarget> {
  let received = 0
  const server = createHttpsServer({ ...SELF_SIGNED, keepAliveTimeout: 60_000 }, (req, res) => {
    received++
    req.resume()
    res.writeHead(200, { 'content-length': '2' })
    res.end('ok')
  })
  // A client that refuses the certificate ends the handshake; nothing to report from here.
  server.on('tlsClientError', () => {})
  const url = `https://127.0.0.1:${await listen(server)}/`
  return {
    url,
    get received() {
      return received
    },
    close: () => closeServer(server, () => server.closeAllConnections())
  }
}

export interface Http2Target extends CountingTarget {
  /** HTTP/2 sessions (connections) opened in all. */
  readonly sessions: number
  /** The most streams one session had open at once. */
  readonly peakStreamsPerSession: number
  /** Connections that spoke something other than HTTP/2 (a bad preface): each one closed at once. */
  readonly badPrefaces: number
}

export interface Http2TargetOptions {
  /** Over TLS (h2 by ALPN) with the self-signed certificate, or cleartext h2c. */
  tls: boolean
  /** Time before each answer: lets streams overlap on a session. */
  answerAfterMs?: number
}

/** An HTTP/2-only server (no HTTP/1.1 fallback) answering every stream 200 "ok". */
export async function startHttp2Target({ tls, answerAfterMs = 0 }: Http2TargetOptions): Promise<Http2Target> {
  let received = 0
  let sessions = 0
  let peakStreamsPerSession = 0
  let badPrefaces = 0
  const openStreams = new WeakMap<Http2Session, number>()
  const liveSessions = new Set<Http2Session>()
  const server: Http2Server = tls ? createSecureServer({ ...SELF_SIGNED, allowHTTP1: false }) : createH2cServer()
  server.on('session', (session: Http2Session) => {
    sessions++
    liveSessions.add(session)
    session.on('close', () => liveSessions.delete(session))
    // A session error (the client went away mid-stream) is the client's to count, not the server's.
    session.on('error', () => {})
  })
  server.on('unknownProtocol', (socket: Socket) => {
    badPrefaces++
    socket.destroy()
  })
  // Node's h2c server meets an HTTP/1.1 request with a bad preface: counted here, by 'sessionError'.
  server.on('sessionError', () => {
    badPrefaces++
  })
  server.on('stream', (stream: ServerHttp2Stream) => {
    received++
    const session = stream.session
    if (session) {
      const open = (openStreams.get(session) ?? 0) + 1
      openStreams.set(session, open)
      peakStreamsPerSession = Math.max(peakStreamsPerSession, open)
      stream.on('close', () => openStreams.set(session, (openStreams.get(session) ?? 1) - 1))
    }
    stream.on('error', () => {})
    stream.resume()
    const answer = (): void => {
      if (stream.destroyed) return
      stream.respond({ ':status': 200, 'content-length': '2' })
      stream.end('ok')
    }
    if (answerAfterMs > 0) setTimeout(answer, answerAfterMs)
    else answer()
  })
  const port = await listen(server)
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    get received() {
      return received
    },
    get sessions() {
      return sessions
    },
    get peakStreamsPerSession() {
      return peakStreamsPerSession
    },
    get badPrefaces() {
      return badPrefaces
    },
    close: () => closeServer(server, () => liveSessions.forEach((session) => session.destroy()))
  }
}

async function listen(server: HttpsServer | Http2Server): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

async function closeServer(server: HttpsServer | Http2Server, dropConnections: () => void): Promise<void> {
  const closed = once(server, 'close')
  server.close()
  dropConnections()
  await closed
}

/** The targets one test starts, closed together when it ends (call closeAll from afterEach). */
export class TlsTargets {
  private readonly started: CountingTarget[] = []

  async https(): Promise<CountingTarget> {
    return this.keep(await startHttpsTarget())
  }

  async http2(options: Http2TargetOptions): Promise<Http2Target> {
    return this.keep(await startHttp2Target(options))
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((target) => target.close()))
  }

  private keep<T extends CountingTarget>(target: T): T {
    this.started.push(target)
    return target
  }
}
