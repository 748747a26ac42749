import { describe, expect, it } from 'vitest'
import { impliedRequests, peakTarget, shapeDurationMs, targetAt } from '../../src/shared/load-shape'
import { presetShape, STAGE_PRESETS, STEP_COUNT } from '../../src/shared/stage-presets'
import { checkRunPlan } from '../../src/shared/validation'

const settings = { base: 20, peak: 300, durationMs: 60_000 }

describe('presetShape', () => {
  it('constant: the peak from start to end', () => {
    expect(presetShape('constant', settings)).toEqual({ start: 300, stages: [{ durationMs: 60_000, target: 300 }] })
  })

  it('ramp-up: base to peak over the whole duration', () => {
    const shape = presetShape('ramp-up', settings)
    expect(shape).toEqual({ start: 20, stages: [{ durationMs: 60_000, target: 300 }] })
    expect(impliedRequests(shape.start, shape.stages)).toBeCloseTo(((20 + 300) / 2) * 60, 9)
  })

  it(`step: ${STEP_COUNT} equal steps, each jumped to and held`, () => {
    const shape = presetShape('step', settings)
    expect(shape).toEqual({
      start: 20,
      stages: [
        { durationMs: 0, target: 90 },
        { durationMs: 15_000, target: 90 },
        { durationMs: 0, target: 160 },
        { durationMs: 15_000, target: 160 },
        { durationMs: 0, target: 230 },
        { durationMs: 15_000, target: 230 },
        { durationMs: 0, target: 300 },
        { durationMs: 15_000, target: 300 }
      ]
    })
    expect(targetAt(shape.start, shape.stages, 14_999)).toBe(90)
    expect(targetAt(shape.start, shape.stages, 15_000)).toBe(160)
  })

  it('spike: base, a jump to the peak held for a fifth, back to base', () => {
    const shape = presetShape('spike', settings)
    expect(shape).toEqual({
      start: 20,
      stages: [
        { durationMs: 24_000, target: 20 },
        { durationMs: 0, target: 300 },
        { durationMs: 12_000, target: 300 },
        { durationMs: 0, target: 20 },
        { durationMs: 24_000, target: 20 }
      ]
    })
  })

  it('ramp-up-hold-down: up over a fifth, held for three, down to base over the last', () => {
    const shape = presetShape('ramp-up-hold-down', settings)
    expect(shape).toEqual({
      start: 20,
      stages: [
        { durationMs: 12_000, target: 300 },
        { durationMs: 36_000, target: 300 },
        { durationMs: 12_000, target: 20 }
      ]
    })
    expect(impliedRequests(shape.start, shape.stages)).toBeCloseTo(160 * 12 + 300 * 36 + 160 * 12, 9)
  })

  it.each(STAGE_PRESETS)('%s lasts exactly its duration in whole ms, between base and peak, and is a valid plan', (preset) => {
    for (const durationMs of [1, 7, 999, 60_000, 86_400_000]) {
      const shape = presetShape(preset, { base: 0, peak: 7, durationMs })
      expect(shapeDurationMs(shape.stages)).toBe(durationMs)
      for (const stage of shape.stages) {
        expect(Number.isInteger(stage.durationMs) && stage.durationMs >= 0).toBe(true)
        expect(Number.isInteger(stage.target) && stage.target >= 0 && stage.target <= 7).toBe(true)
      }
      expect(peakTarget(shape.start, shape.stages)).toBe(7)
      const closed = checkRunPlan({ url: 'http://h/', concurrency: shape.start, stages: shape.stages })
      const open = checkRunPlan({ url: 'http://h/', concurrency: 4, ratePerSecond: shape.start, stages: shape.stages })
      expect([closed.ok, open.ok]).toEqual([true, true])
    }
  })
})
