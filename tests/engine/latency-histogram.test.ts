import { describe, expect, it } from 'vitest'
import { createLatencyHistogram, summarizeInMs } from '../../src/engine/latency-histogram'

/** The one-pass summary must give exactly what HdrHistogram's own getters give. */
describe('summarizeInMs', () => {
  it.each([
    ['one value', [1234]],
    ['a spread from 1 µs to 10 s', Array.from({ length: 5000 }, (_, i) => 1 + Math.floor((i * 7919) % 10_000_000))],
    ['a long tail', Array.from({ length: 20_000 }, (_, i) => (i % 1000 === 0 ? 2_000_000 + i : 500 + (i % 300)))]
  ])('matches the library for %s', (_label, values) => {
    const histogram = createLatencyHistogram()
    for (const value of values) histogram.recordValue(value)
    const ms = (micros: number): number => Math.round(micros) / 1000
    expect(summarizeInMs(histogram)).toEqual({
      min: ms(histogram.minNonZeroValue),
      mean: ms(histogram.mean),
      p50: ms(histogram.getValueAtPercentile(50)),
      p90: ms(histogram.getValueAtPercentile(90)),
      p99: ms(histogram.getValueAtPercentile(99)),
      p999: ms(histogram.getValueAtPercentile(99.9)),
      p9999: ms(histogram.getValueAtPercentile(99.99)),
      max: ms(histogram.getValueAtPercentile(100))
    })
  })
})
