import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { once } from 'node:events'

/**
 * A local shop that issues a fresh CSRF value, token, session header and cookie on every log-in,
 * and judges every later request by the values it carries: *fresh* when they are all of one
 * log-in made while the run went on, *stale* otherwise (a value recorded in a HAR is of a log-in
 * of the recording). Its counts are the truth the import's end-to-end tests compare with.
 *
 *   GET  /login              HTML: a hidden csrf input and a <meta name="csrf-token">, fresh each time
 *   POST /login              form user, password, csrf (a fresh one) -> {"token"} + x-session + Set-Cookie sid
 *   POST /api/orders         Bearer token, x-session, cookie sid, JSON {"csrf": the meta value} -> 201 + Location
 *   GET  /api/orders/:id     ?session=…, Bearer token: the order of that log-in
 *   POST /api/login          JSON {"user"} -> {"token"} + x-session (for a Postman collection)
 *   GET  /api/profile        Bearer token and x-session of one log-in
 *   GET  /static/*           noise: a page's script and logo
 */
export type ShopPhase = 'recording' | 'run'

interface Login {
  phase: ShopPhase
  token: string
  session: string
  cookie: string
  meta: string
  order?: string
}

export class RecordedShop {
  phase: ShopPhase = 'recording'
  /** Log-ins made in the run. */
  runLogins = 0
  readonly fresh = new Map<string, number>()
  readonly stale = new Map<string, number>()
  /** Every request of the run, by path without its query. */
  readonly runRequests = new Map<string, number>()
  private readonly csrfIssued = new Map<string, ShopPhase>()
  private readonly metaIssued = new Map<string, ShopPhase>()
  private readonly byToken = new Map<string, Login>()
  private issued = 0

  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(): Promise<RecordedShop> {
    const holder: RecordedShop[] = []
    const server = createServer((req, res) => holder[0].handle(req, res))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    holder.push(new RecordedShop(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`))
    return holder[0]
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    this.server.close()
    await once(this.server, 'close')
  }

  count(map: Map<string, number>, path: string): number {
    return map.get(path) ?? 0
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')))
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.url)
    const path = url.pathname
    const route = path.startsWith('/api/orders/') ? '/api/orders/:id' : path.startsWith('/static/') ? '/static' : path
    if (this.phase === 'run') add(this.runRequests, route)
    const send = (status: number, headers: Record<string, string>, text: string): void => {
      res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers })
      res.end(text)
    }
    const judge = (ok: boolean): boolean => {
      if (this.phase === 'run') add(ok ? this.fresh : this.stale, route)
      return ok
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    const login = this.byToken.get(bearer)
    /** The log-in the token names, when it is of this phase and the session (and the cookie, when asked) are its own. */
    const current = (withCookie: boolean): Login | undefined => {
      const cookie = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
      const ok = login !== undefined && login.phase === this.phase && req.headers['x-session'] === login.session && (!withCookie || cookie === login.cookie)
      return ok ? login : undefined
    }
    const issue = (): Login => {
      const n = ++this.issued
      const made: Login = { phase: this.phase, token: `tok-${n}-${Math.random().toString(36).slice(2, 10)}`, session: `sess-${n}-${Math.random().toString(36).slice(2, 10)}`, cookie: `ck-${n}-${Math.random().toString(36).slice(2, 10)}`, meta: '' }
      this.byToken.set(made.token, made)
      if (this.phase === 'run') this.runLogins++
      return made
    }

    if (req.method === 'GET' && path === '/login') {
      const csrf = `csrf-${Math.random().toString(36).slice(2, 14)}`
      const meta = `meta-${Math.random().toString(36).slice(2, 14)}`
      this.csrfIssued.set(csrf, this.phase)
      this.metaIssued.set(meta, this.phase)
      return send(200, { 'content-type': 'text/html; charset=utf-8' }, `<!doctype html><html><head><meta name="csrf-token" content="${meta}"><script src="/static/app.js"></script></head><body><img src="/static/logo.png"><form method="post" action="/login"><input type="hidden" name="csrf" value="${csrf}"><input name="user"><input name="password" type="password"></form></body></html>`)
    }
    if (req.method === 'POST' && path === '/login') {
      const form = new URLSearchParams(body)
      const csrf = form.get('csrf') ?? ''
      if (!judge(this.csrfIssued.get(csrf) === this.phase)) return send(403, {}, 'stale form')
      this.csrfIssued.delete(csrf)
      const made = issue()
      return send(200, { 'content-type': 'application/json', 'x-session': made.session, 'set-cookie': `sid=${made.cookie}; Path=/; HttpOnly` }, JSON.stringify({ ok: true, token: made.token, user: form.get('user') }))
    }
    if (req.method === 'POST' && path === '/api/orders') {
      const found = current(true)
      const { csrf } = JSON.parse(body || '{}') as { csrf?: string }
      if (!judge(found !== undefined && this.metaIssued.get(csrf ?? '') === this.phase)) return send(401, {}, 'who are you')
      found!.order = `ord-${Math.random().toString(36).slice(2, 14)}`
      return send(201, { 'content-type': 'application/json', location: `/api/orders/${found!.order}` }, '{"created": true}')
    }
    if (req.method === 'GET' && route === '/api/orders/:id') {
      const ok = login !== undefined && login.phase === this.phase && url.searchParams.get('session') === login.session && path === `/api/orders/${login.order}`
      if (!judge(ok)) return send(404, {}, 'no such order')
      return send(200, { 'content-type': 'application/json' }, JSON.stringify({ id: login!.order, total: 1999 }))
    }
    if (req.method === 'POST' && path === '/api/login') {
      const made = issue()
      return send(200, { 'content-type': 'application/json', 'x-session': made.session }, JSON.stringify({ data: { token: made.token } }))
    }
    if (req.method === 'GET' && path === '/api/profile') {
      if (!judge(current(false) !== undefined)) return send(401, {}, 'who are you')
      return send(200, { 'content-type': 'application/json' }, '{"name": "alice"}')
    }
    if (route === '/static') return send(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'image/png' }, 'static')
    send(404, {}, 'no such page')
  }
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
