import { describe, expect, it } from 'vitest'
import { countOutcomes, emptySnapshot, type RunSnapshot } from '../../src/shared/run-snapshot'

function snapshotOf(statusCodes: RunSnapshot['statusCodes'], errorKinds: RunSnapshot['errorKinds']): RunSnapshot {
  const done = [...Object.values(statusCodes), ...Object.values(errorKinds)].reduce((sum, n) => sum + (n ?? 0), 0)
  return { ...emptySnapshot(1, 1000), done, statusCodes, errorKinds }
}

describe('countOutcomes', () => {
  it('counts 1xx-3xx as succeeded, 4xx, 5xx and errors as failed', () => {
    const snapshot = snapshotOf({ '200': 50, '304': 5, '404': 3, '503': 2 }, { reset: 4, timeout: 1 })
    expect(countOutcomes(snapshot)).toEqual({ succeeded: 55, failed: 10, aborted: 0 })
  })

  it('leaves requests aborted by the user out of the failures', () => {
    const snapshot = snapshotOf({ '200': 700, '500': 1 }, { cancelled: 10, refused: 2 })
    expect(countOutcomes(snapshot)).toEqual({ succeeded: 700, failed: 3, aborted: 10 })
  })

  it('is all zero before the first request ends', () => {
    expect(countOutcomes(emptySnapshot(1, 10))).toEqual({ succeeded: 0, failed: 0, aborted: 0 })
  })
})
