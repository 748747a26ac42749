import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatDuration, formatLatency, formatRate } from '../../src/shared/format'

/**
 * src/shared/format.ts writes numbers without Intl (see why there); Node's Intl.NumberFormat is the
 * truth it must match, ties and large numbers included.
 */
const intl = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const [whole, one, two] = [intl(0), intl(1), intl(2)]

/** Intl writes "-0" for a negative that rounds to zero; format.ts writes "0" (and so would a person). */
const withoutNegativeZero = (text: string): string => text.replace(/^-(?=[0.,]*$)/, '')

/** Numbers of every size, plus decimals of three places: ties at one and two decimals (1.005, 0.15). */
const numbers = fc.oneof(
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  fc.integer({ min: -1e9, max: 1e12 }).map((thousandths) => thousandths / 1000),
  fc.integer({ min: 0, max: 1e9 }).map((halves) => halves / 2)
)

describe('numbers as Intl.NumberFormat en-US writes them', () => {
  it('whole numbers, grouped by thousands', () => {
    fc.assert(
      fc.property(numbers, (value) => {
        expect(formatCount(value)).toBe(withoutNegativeZero(whole.format(value)))
      }),
      { numRuns: 20_000 }
    )
  })

  it('one and two decimals, rounding ties half away from zero on the shortest decimal form', () => {
    // Below 100, formatRate writes one decimal; below 10, formatLatency two.
    fc.assert(
      fc.property(numbers, (value) => {
        if (value >= 0 && value < 100) expect(formatRate(value)).toBe(withoutNegativeZero(one.format(value)))
        if (value >= 0 && value < 10) expect(formatLatency(value)).toBe(`${withoutNegativeZero(two.format(value))} ms`)
      }),
      { numRuns: 20_000 }
    )
  })

  it.each([
    [1.005, '1.01 ms'],
    [0.045, '0.05 ms'],
    [9.995, '10.00 ms'],
    [10.05, '10.1 ms'],
    [1234.5, '1.23 s']
  ])('rounds the tie %s as written, not as stored in binary (%s)', (ms, text) => {
    expect(formatLatency(ms)).toBe(text)
  })

  it('writes what Intl writes for the edges: zero, NaN, infinities, large counts', () => {
    expect([formatCount(0), formatCount(-0), formatCount(0.5), formatCount(-0.4)]).toEqual(['0', '0', '1', '0'])
    expect([formatCount(Number.NaN), formatCount(Infinity), formatCount(-Infinity)]).toEqual(['NaN', '∞', '-∞'])
    expect(formatCount(123_456_789_012)).toBe('123,456,789,012')
    expect([formatBytes(999), formatBytes(1_250_000), formatDuration(125_000)]).toEqual(['999 B', '1.3 MB', '2 min 05 s'])
  })
})
