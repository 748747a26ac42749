import { describe, expect, it } from 'vitest'
import { BoundedSeries } from '../../src/control/bounded-series'
import { SeriesBuffer } from '../../src/renderer/src/charts/series-buffer'
import { intervalRate, type RunInterval } from '../../src/shared/run-interval'
import { intervalOf, latencies } from '../support/intervals'

/** An interval of `tick` with `ended` responses and the given p99, as the window receives it. */
function interval(tick: number, ended: number, p99 = 5, overrides: Partial<RunInterval> = {}): RunInterval {
  return {
    ...intervalOf(tick, [], overrides),
    responses: { ok: ended, clientOrServerError: 0 },
    sent: ended,
    latencyMs: { p50: p99 / 2, p90: p99 / 1.5, p99, max: p99 * 2 },
    histograms: undefined,
    ...overrides
  }
}

describe('SeriesBuffer', () => {
  it('keeps one point per interval until full, with rates per second over each interval', () => {
    const buffer = new SeriesBuffer(8)
    for (let tick = 1; tick <= 5; tick++) buffer.push(interval(tick, tick * 10))
    expect(buffer.length).toBe(5)
    expect([...buffer.view('time')]).toEqual([0.1, 0.2, 0.3, 0.4, 0.5])
    // tick × 10 requests in 100 ms.
    expect([...buffer.view('endedRate')]).toEqual([100, 200, 300, 400, 500])
    expect(buffer.ticksPerPoint).toBe(1)
  })

  it('never grows past its capacity: when full, neighbours merge into points twice as wide', () => {
    const buffer = new SeriesBuffer(10)
    for (let tick = 1; tick <= 36_000; tick++) buffer.push(interval(tick, 10))
    expect(buffer.length).toBeLessThanOrEqual(10)
    expect(buffer.length).toBeGreaterThan(5)
    // Every point covers its whole stretch: the last ends at the last interval's end, rates stay 100/s.
    expect(buffer.view('time').at(-1)).toBe(3600)
    expect(new Set(buffer.view('endedRate'))).toEqual(new Set([100]))
    expect(buffer.view('startMs')[0]).toBe(0)
    const [starts, ends] = [buffer.view('startMs'), buffer.view('endMs')]
    for (let index = 1; index < buffer.length; index++) expect(starts[index]).toBe(ends[index - 1])
  })

  it('merges rates weighted by time, latency as the worse, and a point with no response as a gap', () => {
    const buffer = new SeriesBuffer(2)
    buffer.push(interval(1, 10, 4))
    buffer.push(interval(2, 30, 9))
    buffer.push({ ...interval(3, 0), responses: { ok: 0, clientOrServerError: 0 } })
    // Full at the third: ticks 1-2 merge into one point, tick 3 waits alone in the next.
    expect(buffer.length).toBe(2)
    expect(buffer.view('endedRate')[0]).toBe(200)
    expect(buffer.view('p99')[0]).toBe(9)
    expect(buffer.view('p99')[1]).toBeNaN()
    expect(buffer.view('activeConnections')[0]).toBe(4)
  })

  it('draws the target rate and raw latency only in the open model', () => {
    const buffer = new SeriesBuffer()
    buffer.push(interval(1, 10))
    buffer.push(interval(2, 10, 5, { due: 20, rawLatencyMs: { p50: 1, p90: 2, p99: 3, max: 4 } }))
    expect(buffer.view('dueRate')[0]).toBeNaN()
    expect(buffer.view('dueRate')[1]).toBe(200)
    expect(buffer.view('rawP99')[0]).toBeNaN()
    expect(buffer.view('rawP99')[1]).toBe(3)
  })

  it('carries the shape’s target where there is one, the last one set when points merge', () => {
    const buffer = new SeriesBuffer(2)
    buffer.push(interval(1, 10))
    buffer.push(interval(2, 10, 5, { target: 3 }))
    expect(buffer.view('target')[0]).toBeNaN()
    expect(buffer.view('target')[1]).toBe(3)
    // Full at the third: ticks 1-2 merge and take tick 2's target; tick 3 waits alone with its own.
    buffer.push(interval(3, 10, 5, { target: 4.5 }))
    expect([...buffer.view('target')]).toEqual([3, 4.5])
  })

  it('puts the same intervals in the same points as the controller’s BoundedSeries, with the same counts', () => {
    const capacity = 50
    const buffer = new SeriesBuffer(capacity)
    const controller = new BoundedSeries(capacity)
    // Ticks skipped now and then, as a blocked engine skips them.
    for (let tick = 1, seed = 1; tick <= 1234; tick += tick % 97 === 0 ? 3 : 1, seed++) {
      const next = intervalOf(tick, latencies(seed % 7, seed))
      buffer.push(next)
      controller.add([next])
    }
    const points = controller.series().points
    expect(buffer.length).toBe(points.length)
    expect([...buffer.view('tick')]).toEqual(points.map((point) => point.tick))
    expect([...buffer.view('time')]).toEqual(points.map((point) => point.endMs / 1000))
    const rates = buffer.view('endedRate')
    points.forEach((point, index) => expect(rates[index]).toBeCloseTo(intervalRate(point), 9))
  })

  it('starts afresh when cleared', () => {
    const buffer = new SeriesBuffer(4)
    for (let tick = 1; tick <= 20; tick++) buffer.push(interval(tick, 1))
    buffer.clear()
    expect(buffer.length).toBe(0)
    expect(buffer.ticksPerPoint).toBe(1)
    buffer.push(interval(1, 1))
    expect(buffer.length).toBe(1)
  })
})
