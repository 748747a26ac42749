import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { once } from 'node:events'

/**
 * A local shop for flows, in the test's process: it issues tokens (JSON), sessions (a header),
 * cookies and CSRF values (in HTML), and counts which later requests came back with a value it
 * really issued, for the same login, and which with a stale or unknown one. Its counts are the
 * truth the flow tests compare the engine's figures with.
 *
 *   POST /login         {"user", "password"} -> {"ok": true, "token"} + x-session + Set-Cookie sid
 *                       (user "nobody": {"ok": false}, no token: a capture finds nothing)
 *   GET  /items/:id     Authorization: Bearer TOKEN, x-session, cookie sid: all of one login
 *   GET  /checkout      an HTML form holding a CSRF value for the session's cookie
 *   POST /checkout      csrf=VALUE&qty=1 with the cookie it was issued for
 *   GET  /big           `bigBytes` of padding, then "marker=FOUND"
 */
export interface JourneyCounts {
  logins: number
  /** Logins by user: a unique data file's rows each log in once. */
  loginsByUser: Map<string, number>
  /** Requests to a path that carried values of one login it issued. */
  valid: Map<string, number>
  /** Requests that carried a value it never issued, or one of another login. */
  stale: Map<string, number>
  /** Requests received by path prefix (/login, /items, /checkout, /big). */
  received: Map<string, number>
  /** Statuses sent by path prefix: "200", "500". */
  statusesSent: Map<string, Record<string, number>>
}

export interface JourneyOptions {
  /** Milliseconds to hold each answer, by path prefix. */
  delays?: Record<string, number>
  /** /items answers 500 to every n-th request (1-based), 200 to the others. */
  itemsFailEvery?: number
  bigBytes?: number
}

interface Login {
  token: string
  session: string
  cookie: string
  csrf?: string
}

export class JourneyTarget {
  readonly counts: JourneyCounts = { logins: 0, loginsByUser: new Map(), valid: new Map(), stale: new Map(), received: new Map(), statusesSent: new Map() }
  private readonly byToken = new Map<string, Login>()
  private readonly byCookie = new Map<string, Login>()
  private issued = 0
  private items = 0
  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(options: JourneyOptions = {}): Promise<JourneyTarget> {
    const targets: JourneyTarget[] = []
    const server = createServer((req, res) => targets[0]?.handle(req, res, options))
    server.keepAliveTimeout = 30_000
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    targets.push(new JourneyTarget(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`))
    return targets[0]
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    this.server.close()
    await once(this.server, 'close')
  }

  count(map: Map<string, number>, path: string): number {
    return map.get(path) ?? 0
  }

  private handle(req: IncomingMessage, res: ServerResponse, options: JourneyOptions): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const path = (req.url ?? '/').split('?')[0]
      const prefix = `/${path.split('/')[1]}`
      add(this.counts.received, prefix)
      const answer = (): void => this.answer(req, res, body, path, prefix, options)
      const delay = options.delays?.[prefix]
      if (delay) setTimeout(answer, delay)
      else answer()
    })
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: string, path: string, prefix: string, options: JourneyOptions): void {
    const send = (status: number, headers: Record<string, string | string[]>, text: string): void => {
      const sent = this.counts.statusesSent.get(prefix) ?? {}
      sent[String(status)] = (sent[String(status)] ?? 0) + 1
      this.counts.statusesSent.set(prefix, sent)
      res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers })
      res.end(text)
    }
    const cookie = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
    const judge = (login: Login | undefined, ok: boolean): boolean => {
      add(ok && login ? this.counts.valid : this.counts.stale, prefix)
      return ok && login !== undefined
    }
    if (req.method === 'POST' && path === '/login') {
      const { user } = JSON.parse(body || '{}') as { user?: string }
      this.counts.logins++
      add(this.counts.loginsByUser, String(user))
      if (user === 'nobody') return send(200, { 'content-type': 'application/json' }, '{"ok": false}')
      const n = ++this.issued
      const login: Login = { token: `t-${n}`, session: `s-${n}`, cookie: `c-${n}` }
      this.byToken.set(login.token, login)
      this.byCookie.set(login.cookie, login)
      return send(200, { 'content-type': 'application/json', 'x-session': login.session, 'set-cookie': `sid=${login.cookie}; Path=/; HttpOnly` }, JSON.stringify({ ok: true, token: login.token }))
    }
    if (req.method === 'GET' && prefix === '/items') {
      const login = this.byToken.get((req.headers.authorization ?? '').replace(/^Bearer /, ''))
      const ok = judge(login, login !== undefined && req.headers['x-session'] === login.session && cookie === login.cookie)
      if (!ok) return send(401, {}, 'who are you')
      const every = options.itemsFailEvery
      const status = every && ++this.items % every === 0 ? 500 : 200
      return send(status, { 'content-type': 'application/json' }, JSON.stringify({ id: path.split('/')[2], price: 10 }))
    }
    if (req.method === 'GET' && path === '/checkout') {
      const login = cookie === undefined ? undefined : this.byCookie.get(cookie)
      if (!judge(login, login !== undefined)) return send(401, {}, 'no session')
      login!.csrf = `k-${Math.random().toString(36).slice(2)}`
      return send(200, { 'content-type': 'text/html' }, `<form><input type="hidden" name="csrf" value="${login!.csrf}"><button>Buy</button></form>`)
    }
    if (req.method === 'POST' && path === '/checkout') {
      const login = cookie === undefined ? undefined : this.byCookie.get(cookie)
      const csrf = new URLSearchParams(body).get('csrf')
      const ok = judge(login, login !== undefined && login.csrf !== undefined && csrf === login.csrf)
      return ok ? send(200, {}, 'bought') : send(403, {}, 'stale form')
    }
    if (path === '/big') return send(200, {}, `${'.'.repeat(options.bigBytes ?? 0)}marker=FOUND`)
    send(404, {}, 'no such page')
  }
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
