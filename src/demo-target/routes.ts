/**
 * What the built-in demo target answers, kept apart from its server so it can be tested as a function.
 * A few paths give a new user something to see: a fast one, a slow one and one that sometimes fails.
 */
export interface DemoResponse {
  status: number
  body: Buffer
  /** How long to wait before answering. */
  delayMs: number
}

export const DEMO_SLOW_DELAY_MS = 50
/** The share of /flaky requests answered 503. */
export const DEMO_FLAKY_FAILURE_RATE = 0.05

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

// Built once: the demo target should be fast enough not to be the bottleneck of the first run.
const OK_BODY = json({ ok: true, message: 'Hello from the Stampede demo target.' })
const SLOW_BODY = json({ ok: true, message: `This answer waited ${DEMO_SLOW_DELAY_MS} ms.` })
const FAILED_BODY = json({ ok: false, message: 'Service unavailable, on purpose (about 1 in 20).' })
const NOT_FOUND_BODY = json({ ok: false, message: 'Try /, /slow or /flaky.' })

/** `url` is the request target as sent (path and query); `random` is in [0, 1). */
export function demoResponse(url: string, random: () => number = Math.random): DemoResponse {
  const query = url.indexOf('?')
  const path = query === -1 ? url : url.slice(0, query)
  switch (path) {
    case '/':
      return { status: 200, body: OK_BODY, delayMs: 0 }
    case '/slow':
      return { status: 200, body: SLOW_BODY, delayMs: DEMO_SLOW_DELAY_MS }
    case '/flaky':
      return random() < DEMO_FLAKY_FAILURE_RATE
        ? { status: 503, body: FAILED_BODY, delayMs: 0 }
        : { status: 200, body: OK_BODY, delayMs: 0 }
    default:
      return { status: 404, body: NOT_FOUND_BODY, delayMs: 0 }
  }
}
