import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import { planOf } from '../support/plans'
import { HAS_PROC, openDescriptors, residentBytes } from '../support/process-usage'
import { respondAfter, TargetServers, type TargetServer } from '../support/target-server'

/**
 * One engine process started and cancelled a hundred times in a row must end where it began: the
 * same open descriptors and sockets, and its memory back near where it was. The engine runs with a
 * test-only preload that collects garbage before each result (tests/support/engine-faults/), so
 * what is read after a result is what the engine still holds.
 */
const targets = new TargetServers()

afterEach(async () => {
  await stopAllEngines()
  await targets.closeAll()
})

const CYCLES = 100
/** Long enough for the JIT and the heap's sizing to settle: before that, RSS climbs a few MB anyway. */
const WARM_UP_CYCLES = 50
const CONNECTIONS = 8
/** Responses a cycle waits for before it cancels: some answered, the rest in flight or not yet sent. */
const ANSWERED_PER_CYCLE = 20
/**
 * What the engine may still grow by once warm. A cancelled run kept by mistake holds about 56 kB
 * of heap (measured in-process), so a hundred of them 5.6 MB; a warm engine's JIT code and heap
 * sizing add 1.8-2.2 MB per hundred cycles (measured on this machine).
 */
const RSS_MARGIN_BYTES = 4 * 1024 * 1024

async function cancelledCycle(engine: EngineClient, server: TargetServer): Promise<{ done: number; answered: number }> {
  const runId = engine.start(planOf({ url: server.url, totalRequests: 1_000_000, concurrency: CONNECTIONS }))
  await server.waitForReceived(server.received + ANSWERED_PER_CYCLE)
  engine.cancel(runId)
  await engine.next('cancelled', (message) => message.runId === runId)
  const { result } = await engine.finish(runId)
  expect(result.outcome).toBe('cancelled')
  return { done: result.done, answered: result.statusCodes['200'] ?? 0 }
}

describe('start and cancel, a hundred times', () => {
  it.runIf(HAS_PROC)(
    'leaves no descriptor or socket behind, and memory back near where it began',
    async () => {
      const server = await targets.start(respondAfter(2))
      const engine = await EngineClient.fork({ execArgv: ['--expose-gc', ...gcPreload()] })
      const pid = engine.pid ?? 0
      for (let i = 0; i < WARM_UP_CYCLES; i++) await cancelledCycle(engine, server)
      const receivedBefore = server.received
      const descriptorsBefore = openDescriptors(pid)
      const rssBefore = residentBytes(pid)

      let sent = 0
      let answered = 0
      for (let i = 0; i < CYCLES; i++) {
        const cycle = await cancelledCycle(engine, server)
        sent += cycle.done
        answered += cycle.answered
      }
      const descriptorsAfter = openDescriptors(pid)
      const rssAfter = residentBytes(pid)
      console.info(
        `${CYCLES} cycles: descriptors ${descriptorsBefore.all} -> ${descriptorsAfter.all}, sockets ` +
          `${descriptorsBefore.sockets} -> ${descriptorsAfter.sockets}, RSS ${mb(rssBefore)} -> ${mb(rssAfter)} MB`
      )

      expect(descriptorsAfter).toEqual(descriptorsBefore)
      expect(rssAfter - rssBefore).toBeLessThan(RSS_MARGIN_BYTES)
      // Every request the server had was counted; a cancelled one may not have reached it.
      const received = server.received - receivedBefore
      expect(received).toBeGreaterThanOrEqual(answered)
      expect(received).toBeLessThanOrEqual(sent)
      expect(answered).toBeGreaterThanOrEqual(CYCLES * ANSWERED_PER_CYCLE - CYCLES * CONNECTIONS)
    },
    120_000
  )
})

function gcPreload(): string[] {
  return ['--require', fileURLToPath(new URL('../support/engine-faults/gc-before-result.cjs', import.meta.url))]
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}
