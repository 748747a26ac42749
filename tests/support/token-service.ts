import { randomUUID } from 'node:crypto'
import type { Responder } from './target-server'

/**
 * A three-step service whose values can only come back if a flow captured them: POST /login
 * answers a fresh token in JSON; GET /profile wants `Authorization: Bearer TOKEN` and answers a
 * session id in the X-Session header (and a `user` echo of the X-User header it was sent); GET
 * /orders wants `X-Session: SESSION`. The service counts, by path, the requests that brought a value
 * it really issued and had not seen used on that path before, and those that did not.
 */
export interface TokenService {
  respond: Responder
  /** Requests by path. */
  readonly received: Record<string, number>
  /** Requests that brought a value this service issued, used there for the first time. */
  readonly fresh: Record<string, number>
  /** Requests with no value, a made-up one, or one used before on that path. */
  readonly refused: Record<string, number>
  /** X-User headers received on /profile, in order. */
  readonly users: string[]
}

export function tokenService(): TokenService {
  const tokens = new Set<string>()
  const sessions = new Set<string>()
  const used = { profile: new Set<string>(), orders: new Set<string>() }
  const received: Record<string, number> = {}
  const fresh: Record<string, number> = {}
  const refused: Record<string, number> = {}
  const users: string[] = []
  const count = (into: Record<string, number>, path: string): void => {
    into[path] = (into[path] ?? 0) + 1
  }
  const respond: Responder = (req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    count(received, path)
    req.resume()
    req.on('end', () => {
      if (req.method === 'POST' && path === '/login') {
        const token = randomUUID()
        tokens.add(token)
        count(fresh, path)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, ok: true }))
        return
      }
      if (path === '/profile') {
        const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1]
        users.push(String(req.headers['x-user'] ?? ''))
        if (!token || !tokens.has(token) || used.profile.has(token)) {
          count(refused, path)
          res.writeHead(401).end('no token')
          return
        }
        used.profile.add(token)
        count(fresh, path)
        const session = randomUUID()
        sessions.add(session)
        res.writeHead(200, { 'content-type': 'application/json', 'x-session': session }).end(JSON.stringify({ user: req.headers['x-user'] }))
        return
      }
      if (path === '/orders') {
        const session = String(req.headers['x-session'] ?? '')
        if (!sessions.has(session) || used.orders.has(session)) {
          count(refused, path)
          res.writeHead(403).end('no session')
          return
        }
        used.orders.add(session)
        count(fresh, path)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"orders":[1,2,3]}')
        return
      }
      res.writeHead(404).end()
    })
  }
  return { respond, received, fresh, refused, users }
}
