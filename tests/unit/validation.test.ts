import { describe, expect, it } from 'vitest'
import { PLAN_DEFAULTS, PLAN_LIMITS } from '../../src/shared/run-plan'
import { checkRunForm, checkRunPlan } from '../../src/shared/validation'

const valid = { url: 'http://127.0.0.1:8080/health', totalRequests: 100, concurrency: 10 }
/** What validation fills in when a plan leaves them out. */
const defaults = { method: 'GET', headers: [], pipelining: PLAN_DEFAULTS.pipelining, timeoutMs: PLAN_DEFAULTS.timeoutMs }

describe('checkRunPlan', () => {
  it('passes a valid plan and fills in the defaults', () => {
    expect(checkRunPlan(valid)).toEqual({ ok: true, plan: { ...valid, ...defaults } })
  })

  it.each([
    ['https with no path', 'https://example.com'],
    ['a port and a query', 'http://localhost:3000/search?q=1'],
    ['an IPv6 host', 'http://[::1]:8080/']
  ])('passes a URL with %s', (_label, url) => {
    expect(checkRunPlan({ ...valid, url }).ok).toBe(true)
  })

  it.each([
    ['no scheme', 'localhost:8080/health', 'Enter a full URL starting with http:// or https://, such as http://127.0.0.1:8080/health.'],
    ['a javascript: URL', 'javascript:alert(1)', 'Enter a full URL starting with http:// or https://, such as http://127.0.0.1:8080/health.']
  ])('refuses a URL with %s, on the URL field', (_label, url, message) => {
    expect(checkRunPlan({ ...valid, url })).toEqual({ ok: false, errors: { url: message } })
  })

  it('speaks of the plan as a whole, not of a field, for unknown settings and non-objects', () => {
    expect(checkRunPlan({ ...valid, proxy: 'x' })).toEqual({ ok: false, errors: {}, message: 'Unknown settings: proxy.' })
    expect(checkRunPlan(null)).toEqual({
      ok: false,
      errors: {},
      message: 'Not a run plan: expected an object with url, totalRequests and concurrency.'
    })
  })

  it('passes the largest allowed values', () => {
    const plan = {
      ...valid,
      totalRequests: PLAN_LIMITS.totalRequests,
      concurrency: PLAN_LIMITS.concurrency,
      timeoutMs: PLAN_LIMITS.timeoutMs
    }
    expect(checkRunPlan(plan)).toEqual({ ok: true, plan: { ...defaults, ...plan } })
  })

  it('trims spaces around the URL', () => {
    const check = checkRunPlan({ ...valid, url: '  http://127.0.0.1/  ' })
    expect(check.ok && check.plan.url).toBe('http://127.0.0.1/')
  })

  it.each([
    ['empty', '   ', 'Enter the URL to test.'],
    ['not a URL', 'just some words', 'Enter a full URL starting with http:// or https://, such as http://127.0.0.1:8080/health.'],
    ['ftp', 'ftp://127.0.0.1/file', 'Only http:// and https:// URLs can be tested, not ftp://.'],
    ['file', 'file:///etc/passwd', 'Only http:// and https:// URLs can be tested, not file://.'],
    ['credentials', 'http://user:secret@127.0.0.1/', 'Put credentials in a header, not in the URL.'],
    ['too long', `http://127.0.0.1/${'a'.repeat(PLAN_LIMITS.urlLength)}`, 'The URL is longer than 2048 characters.']
  ])('refuses a URL that is %s with the URL field message', (_label, url, message) => {
    expect(checkRunPlan({ ...valid, url })).toEqual({ ok: false, errors: { url: message } })
  })

  it.each([
    ['totalRequests', 0, 'Number of requests must be at least 1.'],
    ['totalRequests', -5, 'Number of requests must be at least 1.'],
    ['totalRequests', 1.5, 'Number of requests must be a whole number.'],
    ['totalRequests', 1e12, 'Number of requests can be at most 100,000,000.'],
    ['totalRequests', Number.POSITIVE_INFINITY, 'Number of requests must be a whole number.'],
    ['totalRequests', Number.NaN, 'Number of requests must be a whole number.'],
    ['totalRequests', '100', 'Number of requests must be a whole number.'],
    ['concurrency', 0, 'Concurrency must be at least 1.'],
    ['concurrency', 2.5, 'Concurrency must be a whole number.'],
    ['concurrency', PLAN_LIMITS.concurrency + 1, 'Concurrency can be at most 10,000.'],
    ['timeoutMs', 0, 'Timeout must be at least 1.'],
    ['timeoutMs', 1e9, 'Timeout can be at most 600,000.']
  ])('refuses %s = %s with that field message', (field, value, message) => {
    expect(checkRunPlan({ ...valid, [field]: value })).toEqual({ ok: false, errors: { [field]: message } })
  })

  it('reports every bad field at once', () => {
    const check = checkRunPlan({ url: 'ftp://x/', totalRequests: 0, concurrency: 1.5 })
    expect(check.ok).toBe(false)
    expect(!check.ok && Object.keys(check.errors).sort()).toEqual(['concurrency', 'totalRequests', 'url'])
  })

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'http://127.0.0.1/'],
    ['an array', [valid]],
    ['an object with an extra field', { ...valid, headers: { cookie: 'x' } }],
    ['an object with a prototype-polluting key', JSON.parse(`{"url":"http://a/","totalRequests":1,"concurrency":1,"__proto__":{"x":1}}`)]
  ])('refuses %s', (_label, input) => {
    const check = checkRunPlan(input)
    expect(check.ok).toBe(false)
    expect(!check.ok && (Object.keys(check.errors).length > 0 || check.message)).toBeTruthy()
  })
})

describe('checkRunForm', () => {
  it('reads digits, with thousands separators, as whole numbers', () => {
    expect(checkRunForm({ url: valid.url, totalRequests: '1,000', concurrency: ' 25 ' })).toEqual({
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
    const check = checkRunForm({ url: valid.url, totalRequests: text, concurrency: '1' })
    expect(check).toEqual({ ok: false, errors: { totalRequests: message } })
  })

  it.each(['1e3', '10.0', '', '-1', 'ten'])('does not read %j as a whole number', (text) => {
    const check = checkRunForm({ url: valid.url, totalRequests: text, concurrency: '1' })
    expect(check.ok).toBe(false)
    expect(!check.ok && check.errors.totalRequests).toMatch(/^Number of requests must be/)
  })
})
