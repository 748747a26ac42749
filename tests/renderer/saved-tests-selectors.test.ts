import { describe, expect, it } from 'vitest'
import { selectVisibleTests } from '../../src/renderer/src/saved-tests/saved-tests-selectors'
import { sameTestContent } from '../../src/renderer/src/saved-tests/test-content'
import { unusedTestName } from '../../src/shared/test-name'
import type { SavedTest } from '../../src/shared/saved-test'
import { TEST_NAME_MAX_LENGTH } from '../../src/shared/test-name'
import { runState } from '../support/factories'
import { planOf } from '../support/plans'

const PLAN = planOf({ url: 'http://127.0.0.1:8080/', totalRequests: 10, concurrency: 2 })

function savedTest(id: number, name: string): SavedTest {
  return { id, name, plan: PLAN, thresholds: [], baselineRunId: null, createdAt: '', updatedAt: '' }
}

describe('selectVisibleTests', () => {
  const savedTests = [savedTest(1, 'Checkout'), savedTest(2, 'Search API'), savedTest(3, 'checkout (copy)')]

  it('keeps the tests whose name holds the search, ignoring case and outer spaces', () => {
    const state = runState({ savedTests, testSearch: ' CHECK ' })
    expect(selectVisibleTests(state).map((test) => test.id)).toEqual([1, 3])
  })

  it('shows every test for an empty search, and the same array while nothing changed', () => {
    const state = runState({ savedTests, testSearch: '' })
    expect(selectVisibleTests(state)).toBe(savedTests)
    const searched = runState({ savedTests, testSearch: 'api' })
    expect(selectVisibleTests(searched)).toBe(selectVisibleTests(searched))
  })
})

describe('unusedTestName', () => {
  it('keeps a free name, and numbers a taken one from 2, ignoring case', () => {
    expect(unusedTestName(' Checkout ', ['Search'])).toBe('Checkout')
    expect(unusedTestName('Checkout', ['checkout', 'Checkout (2)'])).toBe('Checkout (3)')
  })

  it('stays within the length limit', () => {
    const long = 'x'.repeat(TEST_NAME_MAX_LENGTH)
    const name = unusedTestName(long, [long])
    expect(name).toHaveLength(TEST_NAME_MAX_LENGTH)
    expect(name.endsWith(' (2)')).toBe(true)
  })
})

describe('sameTestContent', () => {
  it('ignores the order of keys and keys left undefined, not a changed value', () => {
    const reordered = Object.fromEntries(Object.entries(PLAN).reverse()) as typeof PLAN
    expect(sameTestContent({ plan: PLAN, thresholds: ['p99<1s'] }, { plan: { ...reordered, workers: undefined }, thresholds: ['p99<1s'] })).toBe(true)
    expect(sameTestContent({ plan: PLAN, thresholds: [] }, { plan: { ...PLAN, concurrency: 3 }, thresholds: [] })).toBe(false)
    expect(sameTestContent({ plan: PLAN, thresholds: ['p99<1s'] }, { plan: PLAN, thresholds: [] })).toBe(false)
  })
})
