import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ProgressThrottle } from '../../src/control/progress-throttle'

const INTERVAL_MS = 50

describe('ProgressThrottle', () => {
  let deliveries: Array<{ value: number; at: number }>
  let throttle: ProgressThrottle<number>

  beforeEach(() => {
    vi.useFakeTimers()
    deliveries = []
    throttle = new ProgressThrottle<number>(INTERVAL_MS, (value) => deliveries.push({ value, at: performance.now() }))
  })

  afterEach(() => {
    throttle.cancel()
    vi.useRealTimers()
  })

  it('delivers the first value at once', () => {
    throttle.push(1)
    expect(deliveries.map((d) => d.value)).toEqual([1])
  })

  it('keeps thousands of pushes to one delivery per interval, latest value winning', async () => {
    const start = performance.now()
    // Irregular gaps of 0 to 3 ms: bursts and lulls, about 1,000 pushes a second.
    for (let value = 0; value < 5000; value++) {
      await vi.advanceTimersByTimeAsync((value * 7) % 4)
      throttle.push(value)
    }
    const flushed = throttle.flush()
    let resolvedAfter = -1
    void flushed.then(() => (resolvedAfter = deliveries.length))
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    await flushed
    const elapsed = performance.now() - start

    for (let i = 1; i < deliveries.length; i++) {
      expect(deliveries[i].at - deliveries[i - 1].at).toBeGreaterThanOrEqual(INTERVAL_MS)
    }
    expect(deliveries.length).toBeGreaterThan(100)
    expect(deliveries.length).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS) + 1)
    expect(deliveries.at(-1)?.value).toBe(4999)
    expect(resolvedAfter).toBe(deliveries.length)
    // Values only move forward: a later delivery never carries an older value.
    const values = deliveries.map((d) => d.value)
    expect(values).toEqual([...values].sort((a, b) => a - b))
  })

  it('delivers the pending value at its slot, not before', async () => {
    throttle.push(1)
    await vi.advanceTimersByTimeAsync(10)
    throttle.push(2)
    throttle.push(3)
    await vi.advanceTimersByTimeAsync(INTERVAL_MS - 10 - 1)
    expect(deliveries.map((d) => d.value)).toEqual([1])
    await vi.advanceTimersByTimeAsync(1)
    expect(deliveries.map((d) => d.value)).toEqual([1, 3])
    expect(deliveries[1].at - deliveries[0].at).toBe(INTERVAL_MS)
  })

  it('flush resolves at once when nothing is pending, and after the final value otherwise', async () => {
    await throttle.flush()
    throttle.push(1)
    throttle.push(2)
    let flushedWith: number[] | undefined
    const flushed = throttle.flush().then(() => (flushedWith = deliveries.map((d) => d.value)))
    await vi.advanceTimersByTimeAsync(INTERVAL_MS - 1)
    expect(flushedWith).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    await flushed
    expect(flushedWith).toEqual([1, 2])
  })

  it('delivers nothing after cancel, and a waiting flush still resolves', async () => {
    throttle.push(1)
    throttle.push(2)
    const flushed = throttle.flush()
    throttle.cancel()
    await flushed
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 10)
    expect(deliveries.map((d) => d.value)).toEqual([1])
  })

  it('waits out a timer that fires early rather than delivering inside the interval', async () => {
    throttle.push(1)
    throttle.push(2)
    // Move the clock back as if the timer fired a millisecond early against performance.now().
    const realNow = performance.now.bind(performance)
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => realNow() - 1)
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(deliveries).toHaveLength(1)
    spy.mockRestore()
    await vi.advanceTimersByTimeAsync(1)
    expect(deliveries.map((d) => d.value)).toEqual([1, 2])
  })

  it('combines the values it coalesces when given a way to: none is lost between deliveries', async () => {
    const pooled: number[][] = []
    const pooling = new ProgressThrottle<number[]>(
      INTERVAL_MS,
      (value) => pooled.push(value),
      (pending, next) => [...pending, ...next]
    )
    for (let value = 0; value < 300; value++) {
      pooling.push([value])
      await vi.advanceTimersByTimeAsync(1)
    }
    await pooling.flush()

    // A delivery each interval or so, together carrying every value once, in order.
    expect(pooled.length).toBeLessThanOrEqual(Math.ceil(300 / INTERVAL_MS) + 1)
    expect(pooled.flat()).toEqual(Array.from({ length: 300 }, (_, value) => value))
    pooling.cancel()
  })
})
