import { describe, expect, it } from 'vitest'
import { classifyOutcomes, errorRate } from '../../src/shared/request-outcomes'
import { emptySnapshot, type RunSnapshot } from '../../src/shared/run-snapshot'

function snapshotOf(statusCodes: RunSnapshot['statusCodes'], errorKinds: RunSnapshot['errorKinds']): RunSnapshot {
  const done = [...Object.values(statusCodes), ...Object.values(errorKinds)].reduce((sum, n) => sum + (n ?? 0), 0)
  return { ...emptySnapshot(1, 1000), done, statusCodes, errorKinds }
}

describe('classifyOutcomes', () => {
  it('splits responses into 1xx-3xx ok and 4xx-5xx, and requests without one into failed', () => {
    const snapshot = snapshotOf({ '200': 50, '304': 5, '404': 3, '503': 2 }, { reset: 4, timeout: 1 })
    expect(classifyOutcomes(snapshot)).toEqual({
      sent: 65,
      completed: 60,
      ok: 55,
      clientOrServerError: 5,
      failed: 5,
      aborted: 0
    })
  })

  it('leaves requests aborted by the user out of the failures', () => {
    const snapshot = snapshotOf({ '200': 700, '500': 1 }, { cancelled: 10, refused: 2 })
    const outcomes = classifyOutcomes(snapshot)
    expect(outcomes).toEqual({ sent: 713, completed: 701, ok: 700, clientOrServerError: 1, failed: 2, aborted: 10 })
    expect(outcomes.sent).toBe(snapshot.done)
  })

  it('is all zero before the first request ends', () => {
    expect(classifyOutcomes(emptySnapshot(1, 10))).toEqual({
      sent: 0,
      completed: 0,
      ok: 0,
      clientOrServerError: 0,
      failed: 0,
      aborted: 0
    })
  })
})

describe('errorRate', () => {
  it('counts 4xx-5xx and failed requests against every request not aborted', () => {
    const outcomes = classifyOutcomes(snapshotOf({ '200': 90, '503': 4 }, { reset: 6, cancelled: 50 }))
    expect(errorRate(outcomes)).toBeCloseTo(0.1, 10)
  })

  it('is 0 when nothing ended, or only aborted requests did', () => {
    expect(errorRate(classifyOutcomes(emptySnapshot(1, 10)))).toBe(0)
    expect(errorRate(classifyOutcomes(snapshotOf({}, { cancelled: 3 })))).toBe(0)
  })
})
