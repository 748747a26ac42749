import { describe, expect, it } from 'vitest'
import { mergeConcurrentIntervals, mergeConsecutiveIntervals } from '../../src/control/interval-merge'
import { intervalEnded } from '../../src/shared/run-interval'
import { intervalLatencyOf, intervalOf, latencies } from '../support/intervals'

describe('mergeConcurrentIntervals (workers, one tick)', () => {
  it('reports the percentiles of every worker’s latencies together, exactly, and adds the counts', () => {
    const a = latencies(3000, 1)
    const b = latencies(2000, 2)
    const merged = mergeConcurrentIntervals([
      intervalOf(7, a, { startMs: 601, endMs: 702, failed: 3, aborted: 1, activeConnections: 5 }),
      intervalOf(7, b, { startMs: 598, endMs: 700, responses: { ok: 1990, clientOrServerError: 10 }, activeConnections: 4 })
    ])

    expect(merged.latencyMs).toEqual(intervalLatencyOf([...a, ...b]))
    expect(merged.ttfbMs).toEqual(intervalLatencyOf([...a, ...b].map((micros) => Math.ceil(micros / 2))))
    expect(merged).toMatchObject({
      tick: 7,
      startMs: 598,
      endMs: 702,
      responses: { ok: 4990, clientOrServerError: 10 },
      failed: 3,
      aborted: 1,
      sent: 5000,
      bytesRead: 10_000,
      // Open on both workers at once.
      activeConnections: 9
    })
    expect(intervalEnded(merged)).toBe(5004)
  })

  it('keeps the worst health of its workers: one saturated worker limits the run', () => {
    const merged = mergeConcurrentIntervals([
      intervalOf(1, [1000], { health: { eventLoopDelayP99Ms: 80, eventLoopBusyPercent: 30, cpuPercent: 40, behindScheduleMs: 3 } }),
      intervalOf(1, [1000], { health: { eventLoopDelayP99Ms: 2, eventLoopBusyPercent: 99, cpuPercent: 100, behindScheduleMs: 12 } })
    ])
    expect(merged.health).toEqual({ eventLoopDelayP99Ms: 80, eventLoopBusyPercent: 99, cpuPercent: 100, behindScheduleMs: 12 })
  })

  it('merges the open model’s due counts and raw latency too', () => {
    const raw = (values: number[]) => intervalOf(1, values)
    const a = intervalOf(3, [5000], { due: 10, rawLatencyMs: raw([900]).latencyMs, histograms: { ...raw([5000]).histograms!, rawLatency: raw([900]).histograms!.latency } })
    const b = intervalOf(3, [7000], { due: 12, rawLatencyMs: raw([1100]).latencyMs, histograms: { ...raw([7000]).histograms!, rawLatency: raw([1100]).histograms!.latency } })
    const merged = mergeConcurrentIntervals([a, b])
    expect(merged.due).toBe(22)
    expect(merged.rawLatencyMs).toEqual(intervalLatencyOf([900, 1100]))
  })

  it("adds up the workers' shape targets (each runs its share), and gives none when no worker runs a shape", () => {
    const merged = mergeConcurrentIntervals([intervalOf(4, [1000], { target: 150.5 }), intervalOf(4, [2000], { target: 149.5 })])
    expect(merged.target).toBe(300)
    expect(mergeConcurrentIntervals([intervalOf(4, [1000]), intervalOf(4, [2000])])).not.toHaveProperty('target')
  })

  it('passes a lone worker’s interval through untouched, and skips workers without responses', () => {
    const only = intervalOf(2, latencies(50, 3))
    expect(mergeConcurrentIntervals([only])).toBe(only)
    const quiet = intervalOf(2, [])
    const merged = mergeConcurrentIntervals([quiet, only])
    expect(merged.latencyMs).toEqual(only.latencyMs)
    expect(merged.histograms?.latency).toBe(only.histograms?.latency)
    expect(mergeConcurrentIntervals([quiet, intervalOf(2, [])]).latencyMs).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 })
  })
})

describe('mergeConsecutiveIntervals (downsampling)', () => {
  it('covers its parts from the first start to the last end, with the last connection count', () => {
    const values = [latencies(100, 4), latencies(200, 5), latencies(1, 6)]
    const merged = mergeConsecutiveIntervals(values.map((each, index) => intervalOf(index + 1, each, { activeConnections: 10 + index })))

    expect(merged).toMatchObject({ tick: 3, startMs: 0, endMs: 300, sent: 301, activeConnections: 12 })
    expect(merged.latencyMs).toEqual(intervalLatencyOf(values.flat()))
  })

  it("takes the last part's shape target, the one set at the merged interval's end", () => {
    const parts = [5, 6, 7].map((target, index) => intervalOf(index + 1, [1000], { target }))
    expect(mergeConsecutiveIntervals(parts).target).toBe(7)
    expect(mergeConsecutiveIntervals([intervalOf(1, [1000]), intervalOf(2, [1000])])).not.toHaveProperty('target')
  })
})
