import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { EngineClient, stopAllEngines } from '../support/engine-client'
import { planOf } from '../support/plans'
import { neverRespond, TargetServers } from '../support/target-server'

/**
 * A fault inside the engine (not a request's failure) must end the run with an error and the
 * process with it, under Node's rules for unhandled rejections and under Electron's. The fault is
 * planted by a preload given to this test's fork only (tests/support/engine-faults/).
 */
const targets = new TargetServers()

afterEach(async () => {
  await stopAllEngines()
  await targets.closeAll()
})

const preload = (name: string): string[] => [
  '--require',
  fileURLToPath(new URL(`../support/engine-faults/${name}.cjs`, import.meta.url))
]

/** Far above the engine's own exit path (a message and an exit), far below a hung engine. */
const FATAL_WITHIN_MS = 5000

describe('an internal fault', () => {
  it.each([
    ['throw', "Node's default"],
    ['warn-with-error-code', "Electron's utility processes'"]
  ])('an unhandled rejection (--unhandled-rejections=%s, %s) posts fatal and exits non-zero', async (mode) => {
    const engine = await EngineClient.fork({ execArgv: [`--unhandled-rejections=${mode}`, ...preload('reject-after-ready')] })
    const fatal = await engine.next('fatal', undefined, FATAL_WITHIN_MS)
    const code = await engine.exit()

    expect(fatal).toEqual({ type: 'fatal', message: 'Error: planted rejection' })
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(engine.history.filter((message) => message.type === 'fatal')).toHaveLength(1)
  })

  it('an uncaught exception during a run posts fatal, no result, and exits non-zero', async () => {
    const server = await targets.start(neverRespond)
    const engine = await EngineClient.fork({ execArgv: preload('throw-during-run') })
    engine.start(planOf({ url: server.url, totalRequests: 10, concurrency: 2 }))
    const fatal = await engine.next('fatal', undefined, FATAL_WITHIN_MS)
    const code = await engine.exit()
    // The process took its connections with it.
    await server.waitForSocketsClosed()

    expect(fatal).toEqual({ type: 'fatal', message: 'TypeError: planted exception' })
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(engine.history.some((message) => message.type === 'result')).toBe(false)
    expect(server.received).toBe(2)
  })
})
