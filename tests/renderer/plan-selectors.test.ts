import { describe, expect, it } from 'vitest'
import { selectFieldMessage, selectFieldText, selectPlanIsValid } from '../../src/renderer/src/plan/plan-selectors'
import { planState } from '../support/factories'

const VALID = { url: 'http://127.0.0.1:8080/health', totalRequests: '100', concurrency: '10' }
// Messages of the shared validation (tests/shared/validation.test.ts checks how they are chosen).
const NO_URL = 'Enter the URL to test.'
const NOT_WHOLE = 'Number of requests must be a whole number.'
const REFUSED = 'The engine cannot reach this host.'

describe('selectFieldText', () => {
  it('is the text as typed, spaces and all', () => {
    const state = planState({ fields: { totalRequests: ' 1,000 ' } })
    expect(selectFieldText('totalRequests')(state)).toBe(' 1,000 ')
  })
})

describe('selectFieldMessage', () => {
  it('keeps an untouched invalid field quiet', () => {
    expect(selectFieldMessage('url')(planState())).toBeUndefined()
  })

  it('shows the validation message once the field is touched', () => {
    expect(selectFieldMessage('url')(planState({ touched: ['url'] }))).toBe(NO_URL)
  })

  it('shows nothing for a touched field that is fine, even while another field is bad', () => {
    const state = planState({ fields: { ...VALID, totalRequests: '1.5' }, touched: ['url', 'totalRequests'] })
    expect(selectFieldMessage('url')(state)).toBeUndefined()
    expect(selectFieldMessage('totalRequests')(state)).toBe(NOT_WHOLE)
  })

  it("shows main's refusal whether or not the field was touched", () => {
    const refusedErrors = { url: REFUSED }
    expect(selectFieldMessage('url')(planState({ fields: VALID, refusedErrors }))).toBe(REFUSED)
    expect(selectFieldMessage('url')(planState({ fields: VALID, refusedErrors, touched: ['url'] }))).toBe(REFUSED)
  })

  it("prefers what is wrong with the text now over main's older refusal", () => {
    const state = planState({ fields: { ...VALID, url: '' }, touched: ['url'], refusedErrors: { url: REFUSED } })
    expect(selectFieldMessage('url')(state)).toBe(NO_URL)
  })

  it('shows a refusal only on the field it names', () => {
    const state = planState({ fields: VALID, touched: ['concurrency'], refusedErrors: { url: REFUSED } })
    expect(selectFieldMessage('concurrency')(state)).toBeUndefined()
  })
})

describe('selectPlanIsValid', () => {
  it('is false for the opening form (no URL yet) and true once every field is valid', () => {
    expect(selectPlanIsValid(planState())).toBe(false)
    expect(selectPlanIsValid(planState({ fields: VALID }))).toBe(true)
  })

  it("stays true while main's refusal is shown: the text itself is valid", () => {
    expect(selectPlanIsValid(planState({ fields: VALID, refusedErrors: { url: REFUSED } }))).toBe(true)
  })
})
