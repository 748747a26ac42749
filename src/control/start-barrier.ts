import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import type { SegmentOf } from '../shared/segment-result'

/**
 * Start together: no generator sends before all N are ready, then all start at one instant.
 * Segment 1 answers at the barrier's address (behind the Job's headless Service); every segment,
 * itself included, checks in with a long poll. Once all N have, each is answered with a start a few
 * seconds ahead on segment 1's clock, and each turns it into its own clock with the offset it
 * measured (NTP's formula on a quick exchange), so a skewed clock does not skew the start. Should
 * not all check in by the deadline, every waiting one is told which did not, and none starts.
 *
 * | route          | answer                                                        |
 * |----------------|---------------------------------------------------------------|
 * | GET /time      | { nowMs }: segment 1's clock, for the offset                   |
 * | POST /ready    | held until all are in: { startAtMs }, or 503 { error }; 409 for a wrong test or a segment twice |
 */

export interface BarrierOptions {
  host: string
  port: number
  /** How long segment 1 waits for every check-in; the others wait a little longer, to hear why. */
  timeoutMs: number
  test: string
  segment: SegmentOf
  /** Lines for people, on stderr. */
  log(line: string): void
}

export type BarrierOutcome = { ok: true; startAtMs: number; offsetMs: number } | { ok: false; message: string }

/** The start is this far ahead of the last check-in: time for every answer to arrive. */
export const START_LEAD_MS = 3000
const RETRY_MS = 250
const CLOCK_EXCHANGES = 5

export async function passBarrier(options: BarrierOptions): Promise<BarrierOutcome> {
  const coordinator = options.segment.index === 1 ? await coordinate(options) : undefined
  if (coordinator && !coordinator.ok) return coordinator
  try {
    return await checkIn(options)
  } finally {
    coordinator?.close()
  }
}

type Coordinator = { ok: true; close(): void } | { ok: false; message: string }

function coordinate({ host, port, timeoutMs, test, segment, log }: BarrierOptions): Promise<Coordinator> {
  const waiting = new Map<number, ServerResponse>()
  let settled = false
  const answer = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  const deadline = setTimeout(() => {
    settled = true
    const absent = Array.from({ length: segment.count }, (_, index) => index + 1).filter((index) => !waiting.has(index))
    const error = `the start barrier gave up: generator${absent.length === 1 ? '' : 's'} ${absent.join(', ')} of ${segment.count} did not check in within ${Math.round(timeoutMs / 1000)} s, so none started (a partial run would be smaller than the test).`
    for (const res of waiting.values()) answer(res, 503, { error })
  }, timeoutMs)
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://barrier')
    if (req.method === 'GET' && url.pathname === '/time') return answer(res, 200, { nowMs: Date.now() })
    if (req.method !== 'POST' || url.pathname !== '/ready') return answer(res, 404, { error: 'not a barrier route' })
    const index = Number(url.searchParams.get('segment'))
    if (url.searchParams.get('test') !== test || Number(url.searchParams.get('count')) !== segment.count) {
      return answer(res, 409, { error: `generator ${index} runs another test or split than generator 1 (${test}, ${segment.count} segments).` })
    }
    if (settled) return answer(res, 503, { error: 'the start barrier has already closed.' })
    if (waiting.has(index)) return answer(res, 409, { error: `generator ${index} of ${segment.count} checked in twice.` })
    waiting.set(index, res)
    log(`stampede: generator ${index} of ${segment.count} is ready (${waiting.size} of ${segment.count}).`)
    if (waiting.size < segment.count) return
    settled = true
    clearTimeout(deadline)
    const startAtMs = Date.now() + START_LEAD_MS
    for (const each of waiting.values()) answer(each, 200, { startAtMs })
  })
  return new Promise((resolve) => {
    server.once('error', (error) => {
      clearTimeout(deadline)
      resolve({ ok: false, message: `the start barrier could not listen on port ${port}: ${error.message}` })
    })
    // On an address of its own (the local simulation's 127.0.0.x) it listens there; else on every interface.
    server.listen(port, isIP(host) ? host : undefined, () => {
      log(`stampede: generator 1 of ${segment.count} waits for the others at port ${port}.`)
      resolve({
        ok: true,
        close: () => {
          clearTimeout(deadline)
          // Idle only: an answer still being written to another generator must arrive whole.
          server.close()
          server.closeIdleConnections()
        }
      })
    })
  })
}

/** Checks in until answered or past the deadline; the start, on this machine's clock. */
async function checkIn({ host, port, timeoutMs, test, segment }: BarrierOptions): Promise<BarrierOutcome> {
  // Segment 1 answers by its deadline; the others allow for its start-up and for hearing its reason.
  const giveUpAt = Date.now() + timeoutMs + (segment.index === 1 ? 1000 : 15_000)
  let lastProblem = 'no answer yet'
  while (Date.now() < giveUpAt) {
    try {
      const offsetMs = await clockOffset(host, port, giveUpAt)
      const query = `?segment=${segment.index}&count=${segment.count}&test=${encodeURIComponent(test)}`
      const ready = await call(host, port, 'POST', `/ready${query}`, giveUpAt - Date.now())
      if (ready.status !== 200) return { ok: false, message: String(ready.body.error ?? `the start barrier answered ${ready.status}.`) }
      return { ok: true, startAtMs: (ready.body.startAtMs as number) + offsetMs, offsetMs }
    } catch (error) {
      // Generator 1 may not listen yet, or its name may not resolve yet: a pod's DNS comes with it.
      lastProblem = (error as Error).message
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
  return { ok: false, message: `could not pass the start barrier at ${host}:${port} within ${Math.round(timeoutMs / 1000)} s (${lastProblem}), so this generator did not start.` }
}

/**
 * This clock minus segment 1's, by NTP's formula (the request and the answer took alike), from the
 * quickest of a few exchanges: the first pays for the connection, and a busy machine delays some.
 */
async function clockOffset(host: string, port: number, giveUpAt: number): Promise<number> {
  let best = { roundTripMs: Number.POSITIVE_INFINITY, offsetMs: 0 }
  for (let exchange = 0; exchange < CLOCK_EXCHANGES; exchange++) {
    const t0 = Date.now()
    const time = await call(host, port, 'GET', '/time', giveUpAt - t0)
    const t1 = Date.now()
    if (t1 - t0 < best.roundTripMs) best = { roundTripMs: t1 - t0, offsetMs: Math.round((t0 + t1) / 2 - (time.body.nowMs as number)) }
  }
  return best.offsetMs
}

function call(host: string, port: number, method: string, path: string, timeoutMs: number): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path, timeout: Math.max(1, timeoutMs) }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> })
        } catch {
          reject(new Error(`the barrier answered ${res.statusCode} with something that is not JSON`))
        }
      })
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('the barrier did not answer in time')))
    req.on('error', reject)
    req.end()
  })
}
