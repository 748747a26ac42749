import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Pool, type Dispatcher } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { LoadRun } from '../../src/engine/load-run'
import { openTargetPool } from '../../src/engine/target-pool'
import type { RunPlan } from '../../src/shared/run-plan'
import { respondOk, startTargetServer, type TargetServer } from '../support/target-server'

/**
 * Memory must not grow with the request count: a fixed set of loops, counters and a histogram. The
 * run is driven in this process (the same LoadRun the engine process drives) so the heap can be read
 * after a full garbage collection, which a forked engine's resident size cannot show reliably.
 */
let server: TargetServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A full collection on demand, without restarting vitest's worker with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/** Counts requests handed to the dispatcher that have not ended yet, and the most at once. */
function countOutstanding(): { interceptor: Dispatcher.DispatcherComposeInterceptor; peak: () => number } {
  let outstanding = 0
  let peak = 0
  const interceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    peak = Math.max(peak, ++outstanding)
    return dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onResponseStart: (controller, status, headers, text) =>
        handler.onResponseStart?.(controller, status, headers, text),
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => {
        outstanding--
        handler.onResponseEnd?.(controller, trailers)
      },
      onResponseError: (controller, error) => {
        outstanding--
        handler.onResponseError?.(controller, error)
      }
    })
  }
  return { interceptor, peak: () => peak }
}

/** Bounds the long run on a slow or busy machine; it takes a few seconds on a quiet one. */
const LONG_RUN_LIMIT_MS = 90_000

describe('memory stays flat', () => {
  it('never holds more requests than loops, however many are planned', async () => {
    server = await startTargetServer(respondOk)
    const plan: RunPlan = { url: server.url, totalRequests: 20_000, concurrency: 8, timeoutMs: 10_000 }
    const counter = countOutstanding()
    const pool = new Pool(new URL(plan.url).origin, { connections: plan.concurrency, pipelining: 1 })
    const result = await new LoadRun(1, plan, pool.compose(counter.interceptor)).start()

    expect(result).toMatchObject({ outcome: 'finished', done: 20_000, statusCodes: { '200': 20_000 } })
    expect(server.received).toBe(20_000)
    expect(counter.peak()).toBe(plan.concurrency)
  })

  it(
    'a run of 200,000 requests keeps nothing per request',
    async () => {
      server = await startTargetServer(respondOk)
      const plan = (totalRequests: number): RunPlan => ({ url: server!.url, totalRequests, concurrency: 50, timeoutMs: 10_000 })

      // The first run warms up the JIT, the heap and undici's buffers; only growth after it counts.
      const warmUp = plan(20_000)
      await new LoadRun(1, warmUp, openTargetPool(warmUp)).start()
      collectGarbage()
      const before = process.memoryUsage().heapUsed

      const long = plan(200_000)
      const run = new LoadRun(2, long, openTargetPool(long))
      const result = await run.start()
      collectGarbage()
      // `run` is still referenced here, so anything it kept per request is still on the heap.
      const growth = process.memoryUsage().heapUsed - before

      expect(run.runId).toBe(2)
      expect(result).toMatchObject({ outcome: 'finished', done: 200_000, statusCodes: { '200': 200_000 } })
      expect(server.received).toBe(220_000)
      // Even one number kept per request would be 1.6 MB; the fixed state is tens of kilobytes.
      expect(growth).toBeLessThan(1024 * 1024)
    },
    LONG_RUN_LIMIT_MS
  )
})
