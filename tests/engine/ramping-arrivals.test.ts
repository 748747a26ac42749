import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { requestsBy, shapeDurationMs, type LoadStage } from '../../src/shared/load-shape'
import { ConstantArrivals } from '../../src/engine/constant-arrivals'
import { RampingArrivals } from '../../src/engine/ramping-arrivals'

/** The open model's due times: request i is due when the integral of the rate reaches i. */
describe('RampingArrivals', () => {
  it('puts request i where the integral of the rate reaches i, stage after stage', () => {
    const stages: LoadStage[] = [
      { durationMs: 2000, target: 300 },
      { durationMs: 2000, target: 300 },
      { durationMs: 0, target: 50 },
      { durationMs: 1000, target: 0 }
    ]
    const arrivals = new RampingArrivals(100, stages)
    // 0 at the start; 150 in the first second (100 -> 200 req/s), 400 by 2 s, 1,000 by 4 s.
    expect(arrivals.offsetOf(0)).toBe(0)
    expect(arrivals.offsetOf(150)).toBeCloseTo(1000, 6)
    expect(arrivals.offsetOf(400)).toBeCloseTo(2000, 6)
    expect(arrivals.offsetOf(700)).toBeCloseTo(3000, 6)
    expect(arrivals.offsetOf(1000)).toBeCloseTo(4000, 6)
    // 50 -> 0 over the last second asks for 25 more: 1,024 is the last, 1,025 comes at the very end.
    expect(arrivals.offsetOf(1024)).toBeLessThan(5000)
    expect(arrivals.offsetOf(1026)).toBe(Infinity)
  })

  it('agrees with requestsBy for any shape, walking forward only', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.array(fc.record({ durationMs: fc.integer({ min: 0, max: 5000 }), target: fc.integer({ min: 0, max: 2000 }) }), {
          minLength: 1,
          maxLength: 8
        }),
        (start, stages) => {
          const arrivals = new RampingArrivals(start, stages)
          const total = requestsBy(start, stages, shapeDurationMs(stages))
          const step = Math.max(1, Math.floor(total / 200))
          let previous = 0
          for (let request = 0; request < total - 1e-6; request += step) {
            const offset = arrivals.offsetOf(request)
            // Due times never go back, and the rate's integral at each is its number.
            if (offset < previous || offset === Infinity) return false
            if (Math.abs(requestsBy(start, stages, offset) - request) > 1e-6 * Math.max(1, request)) return false
            previous = offset
          }
          return arrivals.offsetOf(Math.ceil(total) + 1) === Infinity
        }
      )
    )
  })

  it('is the constant rate when the shape holds the start', () => {
    const ramping = new RampingArrivals(250, [{ durationMs: 10_000, target: 250 }])
    const constant = new ConstantArrivals(250)
    for (const request of [0, 1, 2, 99, 1000, 2499]) expect(ramping.offsetOf(request)).toBeCloseTo(constant.offsetOf(request), 6)
  })
})
