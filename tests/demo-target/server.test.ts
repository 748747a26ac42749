import { afterEach, describe, expect, it } from 'vitest'
import { spawnNodeProcess } from '../../src/control/node-process'
import type { ProcessChannel } from '../../src/control/process-channel'
import type { FromDemoTarget } from '../../src/shared/engine-protocol'
import { builtEntry, EngineClient, stopAllEngines } from '../support/engine-client'

/** The built demo target in its own process, with the built engine run against it. */
let demo: ProcessChannel<never, FromDemoTarget> | undefined
let demoExited: Promise<unknown> | undefined

afterEach(async () => {
  await stopAllEngines()
  demo?.kill()
  await demoExited
  demo = undefined
})

async function startDemoTarget(): Promise<number> {
  demo = spawnNodeProcess<never, FromDemoTarget>(builtEntry('demo-target'))
  demoExited = new Promise((resolve) => demo?.onExit(resolve))
  const listening = await new Promise<FromDemoTarget>((resolve, reject) => {
    demo?.onMessage(resolve)
    demo?.onExit((code) => reject(new Error(`The demo target exited (code ${code}) before listening.`)))
  })
  expect(listening.type).toBe('listening')
  return listening.port
}

describe('the demo target', () => {
  it('listens on a free port of 127.0.0.1 and answers every request of a run', async () => {
    const port = await startDemoTarget()
    const engine = await EngineClient.fork()
    const totalRequests = 2000
    const { result } = await engine.finish(
      engine.start({ url: `http://127.0.0.1:${port}/`, totalRequests, concurrency: 10, timeoutMs: 5000 })
    )

    expect(port).toBeGreaterThan(0)
    expect(result).toMatchObject({ outcome: 'finished', done: totalRequests, statusCodes: { '200': totalRequests } })
    expect(result.bytesRead).toBeGreaterThan(0)
  })

  it('answers /flaky mostly 200 and sometimes 503', async () => {
    const port = await startDemoTarget()
    const engine = await EngineClient.fork()
    const { result } = await engine.finish(
      engine.start({ url: `http://127.0.0.1:${port}/flaky`, totalRequests: 400, concurrency: 8, timeoutMs: 5000 })
    )

    expect(result.done).toBe(400)
    expect((result.statusCodes['200'] ?? 0) + (result.statusCodes['503'] ?? 0)).toBe(400)
    // 5 % of 400 is 20; 60 is beyond any plausible draw and still says "mostly 200".
    expect(result.statusCodes['503'] ?? 0).toBeLessThan(60)
  })
})
