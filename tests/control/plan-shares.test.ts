import { describe, expect, it } from 'vitest'
import { splitPlan } from '../../src/control/plan-shares'
import { impliedRequests, targetAt, type LoadStage } from '../../src/shared/load-shape'
import type { RunPlan, RunPlanInput } from '../../src/shared/run-plan'
import { checkRunPlan } from '../../src/shared/validation'
import { planOf } from '../support/plans'

const URL = 'http://127.0.0.1:8080/'
const plan = (input: Omit<RunPlanInput, 'url'>): RunPlan => planOf({ url: URL, ...input })

const sum = (values: Array<number | undefined>): number => values.reduce<number>((total, value) => total + (value ?? 0), 0)

describe('splitPlan', () => {
  it.each([
    [{ totalRequests: 1000, concurrency: 50 }, 4],
    [{ totalRequests: 1001, concurrency: 3 }, 2],
    [{ totalRequests: 99_999, concurrency: 97, ratePerSecond: 12_345 }, 7],
    [{ durationMs: 5000, concurrency: 10, ratePerSecond: 1001 }, 3],
    [{ totalRequests: 7, durationMs: 5000, concurrency: 100 }, 16]
  ])('shares %j between %i workers add up to the plan exactly', (input, workers) => {
    const whole = plan(input)
    const shares = splitPlan(whole, workers)

    expect(sum(shares.map((share) => share.concurrency))).toBe(whole.concurrency)
    if (whole.totalRequests === undefined) for (const share of shares) expect(share.totalRequests).toBeUndefined()
    else expect(sum(shares.map((share) => share.totalRequests))).toBe(whole.totalRequests)
    if (whole.ratePerSecond === undefined) for (const share of shares) expect(share.ratePerSecond).toBeUndefined()
    else expect(sum(shares.map((share) => share.ratePerSecond))).toBe(whole.ratePerSecond)
    // No share is idle: each has a connection, and a request or a rate to send at when the plan has one.
    for (const share of shares) {
      expect(share.concurrency).toBeGreaterThanOrEqual(1)
      if (share.totalRequests !== undefined) expect(share.totalRequests).toBeGreaterThanOrEqual(1)
      if (share.ratePerSecond !== undefined) expect(share.ratePerSecond).toBeGreaterThanOrEqual(1)
    }
  })

  it('copies the duration, method, headers, body, pipelining, timeout and URL into every share', () => {
    const whole = plan({
      method: 'POST',
      headers: [
        ['X-Test', 'a'],
        ['X-Test', 'b']
      ],
      body: 'hello',
      durationMs: 2500,
      totalRequests: 900,
      concurrency: 9,
      pipelining: 3,
      ratePerSecond: 300,
      timeoutMs: 1234
    })
    const shares = splitPlan(whole, 3)

    expect(shares).toHaveLength(3)
    for (const share of shares) {
      expect(share).toEqual({ ...whole, concurrency: 3, totalRequests: 300, ratePerSecond: 100 })
    }
  })

  it.each([
    ['workers', { totalRequests: 1000, concurrency: 50 }, 4, 4],
    ['connections', { totalRequests: 1000, concurrency: 2 }, 8, 2],
    ['requests', { totalRequests: 3, concurrency: 50 }, 8, 3],
    ['the rate', { durationMs: 1000, concurrency: 50, ratePerSecond: 2 }, 8, 2],
    ['the rate (with a count)', { totalRequests: 1000, concurrency: 50, ratePerSecond: 5 }, 8, 5]
  ])('gives no more shares than there are %s', (_limit, input, workers, expected) => {
    expect(splitPlan(plan(input), workers)).toHaveLength(expected)
  })

  it('with one worker returns the plan as it was', () => {
    const whole = plan({ totalRequests: 1001, durationMs: 3000, concurrency: 7, pipelining: 2, ratePerSecond: 333 })
    expect(splitPlan(whole, 1)).toEqual([whole])
    const byDuration = plan({ durationMs: 3000, concurrency: 7 })
    expect(splitPlan(byDuration, 1)).toEqual([byDuration])
  })

  it('splits unevenly by whole numbers, the first shares taking one more', () => {
    const shares = splitPlan(plan({ totalRequests: 10, concurrency: 3 }), 3)
    expect(shares.map((share) => share.totalRequests)).toEqual([4, 3, 3])
    expect(shares.map((share) => share.concurrency)).toEqual([1, 1, 1])

    const rated = splitPlan(plan({ durationMs: 1000, concurrency: 8, ratePerSecond: 11 }), 3)
    expect(rated.map((share) => share.ratePerSecond)).toEqual([4, 4, 3])
    expect(rated.map((share) => share.concurrency)).toEqual([3, 3, 2])
  })

  it('leaves the plan it was given untouched', () => {
    const whole = plan({ totalRequests: 100, concurrency: 10, headers: [['X-A', '1']] })
    const copy = structuredClone(whole)
    splitPlan(whole, 4)
    expect(whole).toEqual(copy)
  })
})

describe('splitPlan with stages', () => {
  const stages: LoadStage[] = [
    { durationMs: 2000, target: 301 },
    { durationMs: 0, target: 7 },
    { durationMs: 1000, target: 7 },
    { durationMs: 500, target: 0 }
  ]

  it.each([
    ['the open model', { ratePerSecond: 1, concurrency: 10, stages }, 3],
    ['the closed model', { concurrency: 1, stages }, 4],
    ['a shape from 0', { concurrency: 0, stages }, 16],
    ['a falling shape', { ratePerSecond: 50, concurrency: 8, stages: [{ durationMs: 1000, target: 0 }] }, 5]
  ])('splits the start and every target of %s exactly: the shares add up to the plan at every stage', (_label, input, workers) => {
    const whole = plan(input)
    const shares = splitPlan(whole, workers)

    expect(shares.length).toBeGreaterThan(1)
    const start = (each: RunPlan): number => each.ratePerSecond ?? each.concurrency
    expect(sum(shares.map(start))).toBe(start(whole))
    whole.stages?.forEach((stage, index) => {
      expect(sum(shares.map((share) => share.stages?.[index].target))).toBe(stage.target)
      for (const share of shares) expect(share.stages?.[index].durationMs).toBe(stage.durationMs)
    })
    // Linear ramps of whole shares: the sum matches at every moment too, and so does the integral.
    for (const atMs of [0, 1, 999, 2000, 2500, 3499, 5000]) {
      const at = (each: RunPlan): number => targetAt(start(each), each.stages ?? [], atMs)
      expect(sum(shares.map(at))).toBeCloseTo(at(whole), 9)
    }
    const implied = (each: RunPlan): number => impliedRequests(start(each), each.stages ?? [])
    expect(sum(shares.map(implied))).toBeCloseTo(implied(whole), 9)
    // Every share is a plan the engine accepts as it is.
    for (const share of shares) expect(checkRunPlan(share)).toEqual({ ok: true, plan: share })
  })

  it("gives no more shares than the shape's peak, not its start", () => {
    expect(splitPlan(plan({ concurrency: 1, stages: [{ durationMs: 1000, target: 3 }] }), 8)).toHaveLength(3)
    expect(splitPlan(plan({ concurrency: 0, stages: [{ durationMs: 1000, target: 2 }] }), 8)).toHaveLength(2)
    expect(splitPlan(plan({ ratePerSecond: 0, concurrency: 50, stages: [{ durationMs: 1000, target: 5 }] }), 8)).toHaveLength(5)
    // The open model's connections still bound it: they carry the requests.
    expect(splitPlan(plan({ ratePerSecond: 0, concurrency: 2, stages: [{ durationMs: 1000, target: 500 }] }), 8)).toHaveLength(2)
  })
})
