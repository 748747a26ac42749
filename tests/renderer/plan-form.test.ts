import { describe, expect, it } from 'vitest'
import { formWithCurlRequest, planToForm } from '../../src/renderer/src/plan/form-of-plan'
import { INITIAL_PLAN_FORM_VALUES } from '../../src/renderer/src/plan/plan-form'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import { PLAN_DEFAULTS } from '../../src/shared/run-plan'
import { header } from '../support/factories'
import { planOf } from '../support/plans'

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

describe('checkPlanForm: the request', () => {
  const form = { url: valid.url, totalRequests: '10', concurrency: '2' }

  it('sends switched-on rows in order, skips switched-off and blank ones, and adds the JSON body its content type', () => {
    const check = checkPlanForm({
      ...form,
      method: 'POST',
      headers: [header('X-Trace', ' on '), header('X-Off', '1', false), header('', ''), header('Accept', 'application/json')],
      bodyKind: 'json',
      body: '{"sku": "A-1"}'
    })
    expect(check).toMatchObject({
      ok: true,
      plan: {
        method: 'POST',
        headers: [
          ['X-Trace', 'on'],
          ['Accept', 'application/json'],
          ['Content-Type', 'application/json']
        ],
        body: '{"sku": "A-1"}'
      }
    })
  })

  it("lets a Content-Type row of the user's stand instead of the body kind's", () => {
    const check = checkPlanForm({ ...form, method: 'PUT', headers: [header('content-type', 'application/vnd.api+json')], bodyKind: 'json', body: '[]' })
    expect(check.ok && check.plan.headers).toEqual([['content-type', 'application/vnd.api+json']])
  })

  it('sends a text body as plain text, and no body at all for "none" whatever the editor holds', () => {
    const text = checkPlanForm({ ...form, method: 'POST', bodyKind: 'text', body: 'a=1' })
    expect(text.ok && [text.plan.body, text.plan.headers]).toEqual(['a=1', [['Content-Type', 'text/plain; charset=utf-8']]])
    const none = checkPlanForm({ ...form, method: 'POST', bodyKind: 'none', body: 'left over' })
    expect(none.ok && [none.plan.body, none.plan.headers]).toEqual([undefined, []])
  })

  it('blocks a JSON body that does not parse, with the parser saying where; the same text as a text body passes', () => {
    const check = checkPlanForm({ ...form, method: 'POST', bodyKind: 'json', body: '{"a": 1,}' })
    expect(check.ok).toBe(false)
    expect(!check.ok && check.errors.body).toMatch(/^The body is not valid JSON: .*position 8/)
    expect(checkPlanForm({ ...form, method: 'POST', bodyKind: 'text', body: '{"a": 1,}' }).ok).toBe(true)
  })

  it('puts a header message on its row, and on the table for the form as a whole', () => {
    const keepAlive = header('Connection', 'close')
    const check = checkPlanForm({ ...form, headers: [header('X-A', '1'), keepAlive] })
    const message = 'Stampede keeps connections alive itself; remove the Connection header.'
    expect(check).toEqual({ ok: false, errors: { headers: message }, headerRowErrors: { [keepAlive.id]: message } })
  })

  it.each([
    [{ method: 'HEAD', bodyKind: 'text' as const, body: 'x' }, 'body', 'A HEAD request cannot have a body.'],
    [{ method: 'GET / HTTP/1.0' }, 'method', 'The method must be one word, such as GET or POST.'],
    [{ timeout: '0' }, 'timeout', 'Timeout must be at least 1.'],
    [{ timeout: '10s' }, 'timeout', 'Timeout must be a whole number.']
  ])('puts the shared validation message for %j on %s', (change, part, message) => {
    const check = checkPlanForm({ ...form, ...change })
    expect(check.ok ? undefined : check.errors).toEqual({ [part]: message })
  })
})

describe('checkPlanForm: the load', () => {
  const form = { url: valid.url, totalRequests: '10', concurrency: '2' }

  it('stops after the count only, the duration only, or both, reading seconds into milliseconds', () => {
    const plans = (['requests', 'duration', 'both'] as const).map((stopAfter) => {
      const check = checkPlanForm({ ...form, stopAfter, duration: '1.5' })
      return check.ok && [check.plan.totalRequests, check.plan.durationMs]
    })
    expect(plans).toEqual([
      [10, undefined],
      [undefined, 1500],
      [10, 1500]
    ])
  })

  it('judges only the fields the choices use: a bad duration is no matter while the count alone stops the run', () => {
    expect(checkPlanForm({ ...form, duration: 'soon' }).ok).toBe(true)
    expect(checkPlanForm({ ...form, stopAfter: 'duration', duration: 'soon' })).toMatchObject({
      ok: false,
      errors: { duration: 'The duration must be a number.' }
    })
  })

  it('sends a rate in the open model only', () => {
    const open = checkPlanForm({ ...form, model: 'open', ratePerSecond: '2,000' })
    expect(open.ok && open.plan.ratePerSecond).toBe(2000)
    const closed = checkPlanForm({ ...form, model: 'closed', ratePerSecond: '2,000' })
    expect(closed.ok && closed.plan.ratePerSecond).toBeUndefined()
    expect(checkPlanForm({ ...form, model: 'open', ratePerSecond: '' })).toMatchObject({
      errors: { ratePerSecond: 'Rate must be a whole number.' }
    })
  })

  it('leaves the workers to the app when the field is empty', () => {
    const none = checkPlanForm({ ...form, workers: ' ' })
    expect(none.ok && 'workers' in none.plan).toBe(false)
    const four = checkPlanForm({ ...form, workers: '4', pipelining: '8' })
    expect(four.ok && [four.plan.workers, four.plan.pipelining]).toEqual([4, 8])
    expect(checkPlanForm({ ...form, workers: '1000' })).toMatchObject({ errors: { workers: 'Workers can be at most 256.' } })
  })
})

describe('planToForm', () => {
  it.each([
    ['a plain GET', { url: valid.url, totalRequests: 10, concurrency: 2 }],
    [
      'a JSON POST with headers, stopping at the first of count and duration',
      {
        url: valid.url,
        method: 'POST',
        headers: [['X-A', '1'], ['Content-Type', 'application/json']] as Array<[string, string]>,
        body: '{"a":1}',
        totalRequests: 10,
        durationMs: 2500,
        concurrency: 2
      }
    ],
    [
      'an open-model text PUT for a duration on 3 workers',
      {
        url: valid.url,
        method: 'PUT',
        headers: [['Content-Type', 'text/plain; charset=utf-8']] as Array<[string, string]>,
        body: 'hello',
        durationMs: 60_000,
        concurrency: 20,
        ratePerSecond: 500,
        pipelining: 4,
        timeoutMs: 2000,
        workers: 3,
        insecure: true
      }
    ]
  ])('gives back a form that reads into the same plan: %s', (_label, input) => {
    const plan = planOf(input)
    expect(checkPlanForm(planToForm(plan))).toEqual({ ok: true, plan })
  })

  it("shows the body kind's own Content-Type as the kind, not as a row", () => {
    const form = planToForm(planOf({ ...valid, method: 'POST', headers: [['Content-Type', 'application/json']], body: '{}' }))
    expect([form.bodyKind, form.headers]).toEqual(['json', []])
  })
})

describe('formWithCurlRequest', () => {
  it('replaces the request and keeps the load as it was', () => {
    const before = { ...INITIAL_PLAN_FORM_VALUES, url: 'http://old.test/', concurrency: '7', headers: [header('X-Old', '1')] }
    const form = formWithCurlRequest(before, {
      url: 'https://api.test/items',
      method: 'PATCH',
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
      insecure: true,
      timeoutMs: 3000
    })
    expect(form).toMatchObject({
      url: 'https://api.test/items',
      method: 'PATCH',
      bodyKind: 'json',
      body: '{"a":1}',
      timeout: '3000',
      insecure: true,
      concurrency: '7'
    })
    expect(form.headers.map((row) => [row.name, row.value, row.enabled])).toEqual([['Content-Type', 'application/json', true]])
  })
})

describe('formWithCurlRequest and the protocol', () => {
  it('takes the HTTP version a curl flag asked for, and keeps the form’s otherwise', () => {
    const request = { url: 'https://h.test/', method: 'GET', headers: [], insecure: false }
    expect(formWithCurlRequest(INITIAL_PLAN_FORM_VALUES, { ...request, protocol: 'h2' }).protocol).toBe('h2')
    expect(formWithCurlRequest({ ...INITIAL_PLAN_FORM_VALUES, protocol: 'h2c' }, request).protocol).toBe('h2c')
  })
})
