import { decodeFromCompressedBase64 } from 'hdr-histogram-js'
import { describe, expect, it } from 'vitest'
import { RunTally } from '../../src/engine/run-tally'
import { EMPTY_INTERVAL_LATENCY } from '../../src/shared/run-interval'
import { emptySnapshot, ERROR_EXAMPLE_LENGTH } from '../../src/shared/run-snapshot'

describe('RunTally', () => {
  it('starts as the empty snapshot', () => {
    expect(new RunTally().snapshot(7, 100, 0)).toEqual(emptySnapshot(7, 100))
  })

  it('counts every outcome once, latency and time to first byte only for full responses', () => {
    const tally = new RunTally()
    tally.recordResponse(200, 10_000, 4000)
    tally.recordResponse(200, 20_000, 5000)
    tally.recordResponse(503, 30_000, 6000)
    tally.recordError('timeout')
    tally.recordError('reset')
    tally.recordError('timeout')
    tally.bytesRead += 42
    tally.closeInterval()

    const snapshot = tally.snapshot(1, 10, 2000)
    expect(snapshot).toMatchObject({
      done: 6,
      statusCodes: { '200': 2, '503': 1 },
      errorKinds: { timeout: 2, reset: 1 },
      bytesRead: 42,
      requestsPerSecond: 3
    })
    const { histogram, ttfbHistogram, rawLatencyHistogram } = tally.encodedHistograms()
    expect(decodeFromCompressedBase64(histogram).totalCount).toBe(3)
    expect(decodeFromCompressedBase64(ttfbHistogram).totalCount).toBe(3)
    expect(snapshot.ttfbMs.max).toBeCloseTo(6, 1)
    // The closed model keeps no raw latency: it would be the latency itself.
    expect(rawLatencyHistogram).toBeUndefined()
    expect(snapshot.rawLatencyMs).toBeUndefined()
  })

  it('keeps the first message of each error kind, cut to its bound, and none for kinds without one', () => {
    const tally = new RunTally()
    tally.recordError('reset', 'other side closed')
    tally.recordError('reset', 'socket hang up')
    tally.recordError('timeout', 'x'.repeat(ERROR_EXAMPLE_LENGTH + 50))
    tally.recordError('refused')
    const { errorExamples, errorKinds } = tally.snapshot(1, 0, 10)
    expect(errorKinds).toEqual({ reset: 2, timeout: 1, refused: 1 })
    expect(errorExamples).toEqual({ reset: 'other side closed', timeout: 'x'.repeat(ERROR_EXAMPLE_LENGTH) })
  })

  it('reports latency in milliseconds from microseconds, within 3 significant digits', () => {
    const tally = new RunTally()
    for (let micros = 1000; micros <= 100_000; micros += 1000) tally.recordResponse(200, micros, micros / 2)
    tally.closeInterval()
    const { latencyMs } = tally.snapshot(1, 100, 1000)

    expect(latencyMs.min).toBeCloseTo(1, 2)
    expect(latencyMs.mean).toBeCloseTo(50.5, 0)
    expect(latencyMs.p50).toBeCloseTo(50, 0)
    expect(latencyMs.p90).toBeCloseTo(90, 0)
    expect(latencyMs.p99).toBeCloseTo(99, 0)
    expect(latencyMs.p9999).toBeCloseTo(100, 0)
    expect(latencyMs.max).toBeGreaterThanOrEqual(100)
    expect(latencyMs.max).toBeLessThan(100.1)
  })

  it('closes intervals that each count only what happened since the last, and add up to the totals', () => {
    const tally = new RunTally({ rawLatency: true })
    tally.sent += 3
    tally.recordResponse(200, 2000, 1000)
    tally.recordRawLatency(1500)
    tally.recordResponse(404, 4000, 3000)
    tally.recordRawLatency(3500)
    tally.bytesRead += 10
    const first = tally.closeInterval()

    tally.sent += 2
    tally.recordError('refused')
    tally.recordError('cancelled')
    tally.recordResponse(200, 100_000, 90_000)
    tally.recordRawLatency(8000)
    tally.bytesRead += 5
    const second = tally.closeInterval()
    const empty = tally.closeInterval()

    expect(first).toMatchObject({ responses: { ok: 1, clientOrServerError: 1 }, failed: 0, aborted: 0, bytesRead: 10, sent: 3 })
    expect(second).toMatchObject({ responses: { ok: 1, clientOrServerError: 0 }, failed: 1, aborted: 1, bytesRead: 5, sent: 2 })
    expect(empty).toMatchObject({ responses: { ok: 0, clientOrServerError: 0 }, failed: 0, aborted: 0, bytesRead: 0, sent: 0 })
    // Each interval's latency is its own: the second's 100 ms never reaches the first's figures.
    expect(first.latencyMs.max).toBeCloseTo(4, 1)
    expect(second.latencyMs.p50).toBeCloseTo(100, 0)
    expect(second.rawLatencyMs?.p50).toBeCloseTo(8, 1)
    expect(empty.latencyMs).toEqual(EMPTY_INTERVAL_LATENCY)
    expect(empty.histograms).toEqual({ latency: '', ttfb: '', rawLatency: '' })
    expect(decodeFromCompressedBase64(second.histograms?.latency ?? '').totalCount).toBe(1)

    const snapshot = tally.snapshot(1, 0, 300)
    expect(snapshot.done).toBe(5)
    expect(snapshot.latencyMs.min).toBe(2)
    expect(snapshot.latencyMs.max).toBeCloseTo(100, 0)
    expect(snapshot.rawLatencyMs?.max).toBeCloseTo(8, 1)
    expect(decodeFromCompressedBase64(tally.encodedHistograms().rawLatencyHistogram ?? '').totalCount).toBe(3)
  })

  it('keeps the run’s figures whole when a later interval brings a response far slower than any before', () => {
    const tally = new RunTally()
    const intervals = [[1000, 1200], [5_000_000], [900, 1100, 1300]].map((latencies) => {
      for (const micros of latencies) tally.recordResponse(200, micros, micros)
      return tally.closeInterval()
    })
    const { latencyMs } = tally.snapshot(1, 0, 300)

    expect(decodeFromCompressedBase64(tally.encodedHistograms().histogram).totalCount).toBe(6)
    expect(latencyMs.min).toBe(0.9)
    expect(latencyMs.max).toBeGreaterThanOrEqual(5000)
    expect(latencyMs.p50).toBeCloseTo(1.1, 2)
    expect(intervals[2].latencyMs.max).toBeCloseTo(1.3, 2)
    expect(decodeFromCompressedBase64(intervals[2].histograms?.latency ?? '').totalCount).toBe(3)
  })
})
