import { describe, expect, it } from 'vitest'
import { BoundedSeries } from '../../src/control/bounded-series'
import { intervalEnded } from '../../src/shared/run-interval'
import { intervalLatencyOf, intervalOf, latencies } from '../support/intervals'

describe('BoundedSeries', () => {
  it('keeps every interval while there are few, without their histograms', () => {
    const series = new BoundedSeries(10)
    series.add([intervalOf(1, [1000]), intervalOf(2, [2000])])
    series.add([intervalOf(3, [3000])])

    const { bucketMs, points } = series.series()
    expect(bucketMs).toBe(100)
    expect(points.map((point) => point.tick)).toEqual([1, 2, 3])
    expect(points.every((point) => point.histograms === undefined)).toBe(true)
  })

  it('never holds more than its bound: adjacent points merge into buckets twice as wide, counts kept exactly', () => {
    const series = new BoundedSeries(8)
    const values = Array.from({ length: 50 }, (_, index) => latencies(20, index + 1))
    for (let tick = 1; tick <= 50; tick++) series.add([intervalOf(tick, values[tick - 1])])

    const { bucketMs, points } = series.series()
    // 50 ticks at most 8 points: buckets of 8 ticks (7 points; 4 ticks would need 13).
    expect(bucketMs).toBe(800)
    expect(points.map((point) => point.tick)).toEqual([8, 16, 24, 32, 40, 48, 50])
    expect(points.map((point) => [point.startMs, point.endMs])).toEqual([
      [0, 800],
      [800, 1600],
      [1600, 2400],
      [2400, 3200],
      [3200, 4000],
      [4000, 4800],
      [4800, 5000]
    ])
    expect(points.reduce((sum, point) => sum + intervalEnded(point), 0)).toBe(1000)
    // Each bucket's latency is its ticks' values together, exactly, as one histogram would read them.
    expect(points[1].latencyMs).toEqual(intervalLatencyOf(values.slice(8, 16).flat()))
    expect(points[6].latencyMs).toEqual(intervalLatencyOf(values.slice(48).flat()))
  })

  it('puts an interval in the same bucket however the width got there, skipped ticks too', () => {
    const series = new BoundedSeries(2)
    series.add([intervalOf(1, [1]), intervalOf(2, [1]), intervalOf(3, [1])])
    // Width 2: buckets (0, 2] and (2, 4]; tick 5 opens (4, 6] and the series widens to 4: (0, 4], (4, 8].
    series.add([intervalOf(5, [1, 1])])
    expect(series.series().points.map((point) => [point.tick, point.sent])).toEqual([
      [3, 3],
      [5, 2]
    ])
    series.add([intervalOf(8, [1])])
    expect(series.series().points.map((point) => [point.tick, point.sent])).toEqual([
      [3, 3],
      [8, 3]
    ])
  })

  it('judges the generator on every interval before any merge', () => {
    const series = new BoundedSeries(2)
    const saturated = { eventLoopDelayP99Ms: 2, eventLoopBusyPercent: 99, cpuPercent: 99 }
    for (let tick = 1; tick <= 10; tick++) series.add([intervalOf(tick, [1], tick <= 3 ? { health: saturated } : {})])

    expect(series.healthSummary()).toMatchObject({
      verdict: 'generator-limited',
      generatorLimitedMs: 300,
      targetSlowMs: 0,
      judgedMs: 1000,
      peak: { eventLoopBusyPercent: 99, cpuPercent: 99 }
    })
  })
})
