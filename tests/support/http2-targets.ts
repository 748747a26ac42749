import { once } from 'node:events'
import { createSecureServer, createServer as createH2cServer, type Http2Server, type Http2Session, type ServerHttp2Stream } from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import { SELF_SIGNED } from './self-signed'
import { afterAtLeast } from './target-server'

/**
 * Local HTTP/2 targets counting what they receive, like ./target-server.ts (which serves HTTP/1.1
 * and HTTPS): over TLS (ALPN h2 only, the self-signed certificate of ./self-signed.ts) and in
 * cleartext (h2c, prior knowledge). Only for tests.
 */
export interface Http2Target {
  readonly url: string
  /** Streams whose head arrived, in all. */
  readonly received: number
  /** HTTP/2 sessions (connections) opened in all. */
  readonly sessions: number
  close(): Promise<void>
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
    if (answerAfterMs > 0) stream.on('close', afterAtLeast(answerAfterMs, answer))
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

async function listen(server: Http2Server): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

async function closeServer(server: Http2Server, dropConnections: () => void): Promise<void> {
  const closed = once(server, 'close')
  server.close()
  dropConnections()
  await closed
}

/** The targets one test starts, closed together when it ends (call closeAll from afterEach). */
export class Http2Targets {
  private readonly started: Http2Target[] = []

  async start(options: Http2TargetOptions): Promise<Http2Target> {
    const target = await startHttp2Target(options)
    this.started.push(target)
    return target
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((target) => target.close()))
  }
}
