import { describe, expect, it } from 'vitest'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form'
import { PLAN_DEFAULTS } from '../../src/shared/run-plan'

const valid = { url: 'http://127.0.0.1:8080/health', totalRequests: 100, concurrency: 10 }
/** What validation fills in when a plan leaves them out. */
const defaults = {
  method: 'GET',
  headers: [],
  pipelining: PLAN_DEFAULTS.pipelining,
  timeoutMs: PLAN_DEFAULTS.timeoutMs,
  protocol: PLAN_DEFAULTS.protocol,
  insecure: PLAN_DEFAULTS.insecure
}

describe('checkPlanForm', () => {
  it('reads digits, with thousands separators, as whole numbers', () => {
    expect(checkPlanForm({ url: valid.url, totalRequests: '1,000', concurrency: ' 25 ' })).toEqual({
      ok: true,
      plan: { url: valid.url, totalRequests: 1000, concurrency: 25, ...defaults }
    })
  })

  it.each([
    ['1.5', 'Number of requests must be a whole number.'],
    ['ten', 'Number of requests must be a whole number.'],
    ['-5', 'Number of requests must be at least 1.'],
    ['0', 'Number of requests must be at least 1.']
  ])('tells %j exactly what is wrong with it', (text, message) => {
    const check = checkPlanForm({ url: valid.url, totalRequests: text, concurrency: '1' })
    expect(check).toEqual({ ok: false, errors: { totalRequests: message } })
  })

  it.each(['1e3', '10.0', '', '-1', 'ten'])('does not read %j as a whole number', (text) => {
    const check = checkPlanForm({ url: valid.url, totalRequests: text, concurrency: '1' })
    expect(check.ok).toBe(false)
    expect(!check.ok && check.errors.totalRequests).toMatch(/^Number of requests must be/)
  })
})
