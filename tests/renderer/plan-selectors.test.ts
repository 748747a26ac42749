import { describe, expect, it } from 'vitest'
import {
  selectFieldMessage,
  selectFieldText,
  selectHeaderRowMessage,
  selectLoadSummary,
  selectPlanIsValid,
  selectQueryParams,
  selectRequestSummary,
  selectShapePreview
} from '../../src/renderer/src/plan/plan-selectors'
import { stageRow } from '../../src/renderer/src/plan/stage-rows'
import { header, planState } from '../support/factories'

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

describe('selectHeaderRowMessage', () => {
  it("shows a row's message on the row once the headers were edited, and not again under the table", () => {
    const bad = header('Bad Name', 'x')
    const fields = { ...VALID, headers: [header('X-A', '1'), bad] }
    const message = '"Bad Name" is not a header name: use letters, digits and dashes, as in X-Request-Id.'
    expect(selectHeaderRowMessage(bad.id)(planState({ fields }))).toBeUndefined()
    const touched = planState({ fields, touched: ['headers'] })
    expect(selectHeaderRowMessage(bad.id)(touched)).toBe(message)
    expect(selectFieldMessage('headers')(touched)).toBeUndefined()
  })

  it('shows a message about the rows together under the table', () => {
    const headers = Array.from({ length: 101 }, (_, index) => header(`X-${index}`, '1'))
    expect(selectFieldMessage('headers')(planState({ fields: { ...VALID, headers }, touched: ['headers'] }))).toBe(
      'At most 100 headers.'
    )
  })
})

describe('selectQueryParams', () => {
  it("reads the URL's query, and gives the same array while the URL is the same", () => {
    const state = planState({ fields: { url: 'http://h/?a=1&b=2' } })
    const rows = selectQueryParams(state)
    expect(rows).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' }
    ])
    expect(selectQueryParams({ ...state })).toBe(rows)
  })
})

describe('the folded sections\' summaries', () => {
  it('say a plain GET and the closed model for the opening form', () => {
    expect(selectRequestSummary(planState())).toBe('GET')
    expect(selectLoadSummary(planState())).toBe('closed model')
  })

  it('name what was set: headers switched on, the body kind, the model, the stop, pipelining and workers', () => {
    const state = planState({
      fields: {
        method: 'POST',
        headers: [header('X-A', '1'), header('X-B', '2', false)],
        bodyKind: 'json',
        model: 'open',
        stopAfter: 'both',
        pipelining: '4',
        workers: '2',
        insecure: true
      }
    })
    expect(selectRequestSummary(state)).toBe('POST · 1 header · JSON body · insecure TLS')
    expect(selectLoadSummary(state)).toBe('open model · stops at the first of count and duration · pipelining 4 · 2 workers')
  })
})

describe('selectShapePreview', () => {
  it("draws the shape from the shared arithmetic: length, peak, and the open model's requests in all", () => {
    const state = planState({
      fields: { model: 'open', ratePerSecond: '20', shaped: true, stages: [stageRow('1', '20'), stageRow('3', '80')] }
    })
    const shape = selectShapePreview(state)
    // 20 a second for 1 s, then 20 to 80 over 3 s: 20 + 150.
    expect(shape).toMatchObject({ unit: 'rate', start: 20, totalMs: 4000, peak: 80, requests: 170 })
    expect(selectShapePreview({ ...state })).toBe(shape)
  })

  it('counts connections in the closed model, with no total of requests', () => {
    const state = planState({ fields: { concurrency: '0', shaped: true, stages: [stageRow('2', '40')] } })
    expect(selectShapePreview(state)).toMatchObject({ unit: 'connections', start: 0, peak: 40, requests: undefined })
  })

  it('waits for text it can draw, and draws nothing without stages', () => {
    expect(selectShapePreview(planState({ fields: { shaped: true, stages: [stageRow('1', 'x')] } }))).toBeUndefined()
    expect(selectShapePreview(planState({ fields: { shaped: false, stages: [stageRow('1', '5')] } }))).toBeUndefined()
  })
})

describe('the summaries with a protocol and stages', () => {
  it('name a protocol other than HTTP/1.1 and the number of stages', () => {
    const state = planState({ fields: { protocol: 'h2c', shaped: true, stopAfter: 'shape', stages: [stageRow('1', '5'), stageRow('1', '9')] } })
    expect(selectRequestSummary(state)).toBe('GET · h2c')
    expect(selectLoadSummary(state)).toBe('closed model · 2 stages')
  })
})
