import { describe, expect, it } from 'vitest'
import { createLatencyHistogram, encodeHistogram } from '../../src/engine/latency-histogram'
import { latencyBins } from '../../src/control/latency-bins'
import { latencies } from '../support/intervals'

describe('latencyBins', () => {
  it('counts every response once, in log-spaced bins that follow each other without a gap', () => {
    const values = latencies(5000, 7)
    const histogram = createLatencyHistogram()
    for (const value of values) histogram.recordValue(value)
    const bins = latencyBins(encodeHistogram(histogram))

    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(5000)
    for (let index = 1; index < bins.length; index++) expect(bins[index].fromMs).toBe(bins[index - 1].toMs)
    // Ten to a decade: each bin's upper edge is about 1.26 times its lower one.
    for (const bin of bins) expect(bin.toMs / bin.fromMs).toBeCloseTo(10 ** 0.1, 2)
    expect(bins[0].count).toBeGreaterThan(0)
    expect(bins[bins.length - 1].count).toBeGreaterThan(0)
  })

  it('puts 1 ms, 2 ms and 50 ms where a reader expects them', () => {
    const histogram = createLatencyHistogram()
    for (const micros of [1000, 1000, 2000, 50_000]) histogram.recordValue(micros)
    const bins = latencyBins(encodeHistogram(histogram))
    const binOf = (ms: number) => bins.find((bin) => bin.fromMs <= ms && ms < bin.toMs)

    expect(binOf(1)?.count).toBe(2)
    expect(binOf(2)?.count).toBe(1)
    expect(binOf(50)?.count).toBe(1)
  })

  it('has no bins without responses', () => {
    expect(latencyBins(undefined)).toEqual([])
    expect(latencyBins(encodeHistogram(createLatencyHistogram()))).toEqual([])
  })
})
