import { decodeFromCompressedBase64 } from 'hdr-histogram-js'
import { describe, expect, it } from 'vitest'
import { RunTally } from '../../src/engine/run-tally'
import { emptySnapshot } from '../../src/shared/run-snapshot'

describe('RunTally', () => {
  it('starts as the empty snapshot', () => {
    expect(new RunTally().snapshot(7, 100, 0)).toEqual(emptySnapshot(7, 100))
  })

  it('counts every outcome once, latency only for full responses', () => {
    const tally = new RunTally()
    tally.recordResponse(200, 10_000)
    tally.recordResponse(200, 20_000)
    tally.recordResponse(503, 30_000)
    tally.recordError('timeout')
    tally.recordError('reset')
    tally.recordError('timeout')
    tally.bytesRead += 42

    const snapshot = tally.snapshot(1, 10, 2000)
    expect(snapshot).toMatchObject({
      done: 6,
      statusCodes: { '200': 2, '503': 1 },
      errorKinds: { timeout: 2, reset: 1 },
      bytesRead: 42,
      requestsPerSecond: 3
    })
    expect(decodeFromCompressedBase64(tally.encodedHistogram()).totalCount).toBe(3)
  })

  it('reports latency in milliseconds from microseconds, within 3 significant digits', () => {
    const tally = new RunTally()
    for (let micros = 1000; micros <= 100_000; micros += 1000) tally.recordResponse(200, micros)
    const { latencyMs } = tally.snapshot(1, 100, 1000)

    expect(latencyMs.min).toBeCloseTo(1, 2)
    expect(latencyMs.mean).toBeCloseTo(50.5, 0)
    expect(latencyMs.p50).toBeCloseTo(50, 0)
    expect(latencyMs.p90).toBeCloseTo(90, 0)
    expect(latencyMs.p99).toBeCloseTo(99, 0)
    expect(latencyMs.max).toBeGreaterThanOrEqual(100)
    expect(latencyMs.max).toBeLessThan(100.1)
  })
})
