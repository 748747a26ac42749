import { describe, expect, it } from 'vitest'
import { atWallClock } from '../../src/engine/start-instant'

describe('atWallClock', () => {
  it('calls back once the wall clock reads the instant, never before', async () => {
    const atMs = Date.now() + 60
    const calledAt = await new Promise<number>((resolve) => atWallClock(atMs, () => resolve(Date.now())))
    expect(calledAt).toBeGreaterThanOrEqual(atMs)
  })

  it('calls at once for an instant already reached', () => {
    let called = false
    atWallClock(Date.now() - 1, () => (called = true))
    expect(called).toBe(true)
  })

  it('is called off by the function it returns', async () => {
    let called = false
    const stop = atWallClock(Date.now() + 20, () => (called = true))
    stop()
    // A later instant's callback as the event to wait for: by then the first would have fired.
    await new Promise<void>((resolve) => atWallClock(Date.now() + 60, resolve))
    expect(called).toBe(false)
  })
})
