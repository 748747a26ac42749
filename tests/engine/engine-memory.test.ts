import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { LoadRun } from '../../src/engine/load-run'
import type { RunPlan } from '../../src/shared/run-plan'
import { planOf } from '../support/plans'
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

/**
 * Bounds the long run on a slow or busy machine; it takes a few seconds on a quiet one. 220,000
 * requests through one process that is also the target: 90 s ran out at load 25 on two cores.
 */
const LONG_RUN_LIMIT_MS = 240_000

describe('memory stays flat', () => {
  it(
    'a run of 200,000 requests keeps nothing per request',
    async () => {
      server = await startTargetServer(respondOk)
      const plan = (totalRequests: number): RunPlan => planOf({ url: server!.url, totalRequests, concurrency: 50 })

      // The first run warms up the JIT, the heap and undici's buffers; only growth after it counts.
      const warmUp = plan(20_000)
      await new LoadRun(1, warmUp).start()
      collectGarbage()
      const before = process.memoryUsage().heapUsed

      const long = plan(200_000)
      const run = new LoadRun(2, long)
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
