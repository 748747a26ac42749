import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { passBarrier, START_LEAD_MS, type BarrierOptions } from '../../src/control/start-barrier'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function options(port: number, index: number, count: number, overrides: Partial<BarrierOptions> = {}): BarrierOptions {
  return { host: '127.0.0.1', port, timeoutMs: 5000, test: 'abc', segment: { index, count }, log: () => {}, ...overrides }
}

describe('passBarrier', () => {
  it('lets no generator through before all have checked in, then gives all one start, a few seconds ahead', async () => {
    const port = await freePort()
    const before = Date.now()
    const outcomes = await Promise.all([3, 1, 2].map((index) => passBarrier(options(port, index, 3))))
    const starts = outcomes.map((outcome) => {
      if (!outcome.ok) throw new Error(outcome.message)
      // One machine, one clock: the offsets measured are close to nothing.
      expect(Math.abs(outcome.offsetMs)).toBeLessThan(50)
      return outcome.startAtMs - outcome.offsetMs
    })
    expect(new Set(starts).size).toBe(1)
    expect(starts[0]).toBeGreaterThanOrEqual(before + START_LEAD_MS)
  })

  it('gives up at the deadline, naming who did not check in, and lets none start', async () => {
    const port = await freePort()
    const outcomes = await Promise.all([1, 2].map((index) => passBarrier(options(port, index, 4, { timeoutMs: 500 }))))
    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        ok: false,
        message: expect.stringMatching(/generators 3, 4 of 4 did not check in within 1 s, so none started/)
      })
    }
  })

  it('refuses a generator of another test, which then does not start', async () => {
    const port = await freePort()
    const [first, other] = await Promise.all([
      passBarrier(options(port, 1, 2, { timeoutMs: 1000 })),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() => passBarrier(options(port, 2, 2, { test: 'xyz', timeoutMs: 1000 })))
    ])
    expect(other).toEqual({ ok: false, message: expect.stringMatching(/generator 2 runs another test or split than generator 1/) })
    expect(first.ok).toBe(false)
  })
})
