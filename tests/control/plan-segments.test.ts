import { describe, expect, it } from 'vitest'
import { segmentPlan, splitPlan } from '../../src/control/plan-shares'
import { onStripe, WHOLE_STRIPE, type RowStripe } from '../../src/shared/flow/row-stripe'
import type { RunPlan } from '../../src/shared/run-plan'
import { planOf } from '../support/plans'

const plan = (input: Partial<RunPlan>): RunPlan => planOf({ url: 'http://127.0.0.1:8080/', ...input })
const sum = (values: Array<number | undefined>): number => values.reduce<number>((total, value) => total + (value ?? 0), 0)

describe('segmentPlan', () => {
  it.each([
    [{ totalRequests: 1000, concurrency: 50 }, 3],
    [{ durationMs: 5000, concurrency: 10, ratePerSecond: 1001 }, 7],
    [{ concurrency: 0, stages: [{ durationMs: 1000, target: 9 }, { durationMs: 1000, target: 0 }] }, 4]
  ])('segments of %j, %i ways, then each split between 3 workers, add up to the plan at every level', (input, count) => {
    const whole = plan(input)
    const segments = Array.from({ length: count }, (_, index) => segmentPlan(whole, index, count) as RunPlan)
    const workers = segments.flatMap((segment) => splitPlan(segment, 3))
    for (const level of [segments, workers]) {
      expect(sum(level.map((share) => share.concurrency))).toBe(whole.concurrency)
      expect(sum(level.map((share) => share.totalRequests))).toBe(whole.totalRequests ?? 0)
      expect(sum(level.map((share) => share.ratePerSecond))).toBe(whole.ratePerSecond ?? 0)
      whole.stages?.forEach((stage, index) =>
        expect(sum(level.map((share) => share.stages?.[index].target))).toBe(stage.target)
      )
    }
  })

  it('splits as the workers do: segment K of N is worker K of N', () => {
    const whole = plan({ totalRequests: 1001, concurrency: 7, ratePerSecond: 50 })
    expect(splitPlan(whole, 4)).toEqual([0, 1, 2, 3].map((index) => segmentPlan(whole, index, 4)))
  })

  it('refuses a split that would leave a segment idle', () => {
    expect(segmentPlan(plan({ totalRequests: 100, concurrency: 4 }), 0, 5)).toBeUndefined()
  })
})

describe('stripes: unique data rows between segments and their workers', () => {
  it('a flow\'s rows are dealt exactly once, segment then worker, by the stripes segmentPlan and splitPlan give', () => {
    const rows = 1000
    const step = { method: 'GET', url: 'http://127.0.0.1:8080/{{id}}', headers: [], captures: [], checks: ['status == 200'], thresholds: [] }
    const whole = plan({ iterations: 1000, concurrency: 12, flow: { variables: [['id', '1']], steps: [step] } })
    const used = new Array<number>(rows).fill(0)
    for (let segment = 0; segment < 3; segment++) {
      const share = segmentPlan(whole, segment, 3) as RunPlan
      for (const worker of splitPlan(share, 4)) {
        const stripe: RowStripe = worker.flow?.stripe ?? WHOLE_STRIPE
        for (let row = 0; row < rows; row++) if (onStripe(row, stripe)) used[row]++
      }
    }
    expect(used.every((count) => count === 1)).toBe(true)
  })
})
