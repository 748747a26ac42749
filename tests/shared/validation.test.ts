import { describe, expect, it } from 'vitest'
import { PLAN_DEFAULTS, PLAN_LIMITS } from '../../src/shared/run-plan'
import { checkRunPlan } from '../../src/shared/validation'

const valid = { url: 'http://127.0.0.1:8080/health', totalRequests: 100, concurrency: 10 }
/** What validation fills in when a plan leaves them out. */
const defaults = {
  method: 'GET',
  headers: [],
  pipelining: PLAN_DEFAULTS.pipelining,
  timeoutMs: PLAN_DEFAULTS.timeoutMs,
  protocol: 'http1',
  insecure: false
}

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

  it('takes insecure as true or false only, false unless given', () => {
    expect(checkRunPlan({ ...valid, insecure: true })).toMatchObject({ ok: true, plan: { insecure: true } })
    expect(checkRunPlan({ ...valid, insecure: 'yes' })).toEqual({ ok: false, errors: { insecure: 'Insecure must be true or false.' } })
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

describe('checkRunPlan: run modes, method, headers and body', () => {
  const accepted = (input: Record<string, unknown>) => {
    const check = checkRunPlan({ ...valid, ...input })
    if (!check.ok) throw new Error(`refused: ${JSON.stringify(check)}`)
    return check.plan
  }
  const refusal = (input: Record<string, unknown>) => checkRunPlan({ ...valid, ...input })

  it.each([
    ['post', 'POST'],
    [' patch ', 'PATCH'],
    ['Delete', 'DELETE'],
    ['PROPFIND', 'PROPFIND']
  ])('upper-cases the method %j to %s', (method, expected) => {
    expect(accepted({ method }).method).toBe(expected)
  })

  it.each(['GET /x', 'GE T', '', 'GET\r\nX-Evil: 1', 'MÉTHODE', 'get(1)'])('refuses the method %j: not one token', (method) => {
    expect(refusal({ method })).toEqual({
      ok: false,
      errors: { method: 'The method must be one word, such as GET or POST.' }
    })
  })

  it('refuses a method longer than any real one', () => {
    expect(accepted({ method: 'A'.repeat(32) }).method).toBe('A'.repeat(32))
    expect(refusal({ method: 'A'.repeat(33) })).toEqual({
      ok: false,
      errors: { method: 'The method can be at most 32 characters.' }
    })
  })

  it.each(['CONNECT', 'connect'])('refuses %s', (method) => {
    expect(refusal({ method })).toEqual({
      ok: false,
      errors: { method: 'CONNECT opens a tunnel; it cannot be load tested here.' }
    })
  })

  it.each([
    ['Connection', 'Stampede keeps connections alive itself; remove the Connection header.'],
    ['keep-alive', 'Stampede keeps connections alive itself; remove the Keep-Alive header.'],
    ['Content-Length', 'Stampede sets Content-Length from the body; remove the header.'],
    ['TRANSFER-ENCODING', 'Stampede frames the body itself; remove the Transfer-Encoding header.'],
    ['Upgrade', 'Upgrades (WebSocket, h2c) cannot be load tested here; remove the Upgrade header.'],
    ['expect', 'Expect: 100-continue is not supported; remove the Expect header.']
  ])('refuses the managed header %s, whatever its case', (name, message) => {
    expect(refusal({ headers: [['X-Fine', '1'], [name, 'x']] })).toEqual({ ok: false, errors: { headers: message } })
  })

  it.each(['X Test', 'X-Test:', '', 'Näme', 'a\nb'])('refuses the header name %j', (name) => {
    expect(refusal({ headers: [[name, 'x']] })).toEqual({
      ok: false,
      errors: { headers: `"${name}" is not a header name: use letters, digits and dashes, as in X-Request-Id.` }
    })
  })

  it.each(['a\r\nEvil: 1', 'a\nb', 'a\rb', 'a\0b'])('refuses a header value with a line break or NUL: %j', (value) => {
    expect(refusal({ headers: [['X-Test', value]] })).toEqual({
      ok: false,
      errors: { headers: 'The value of X-Test contains a line break.' }
    })
  })

  it.each(['a\u0001b', 'tab\there ok?\u007f', 'price: 5 €'])('refuses a header value undici cannot send: %j', (value) => {
    expect(refusal({ headers: [['X-Test', value]] })).toEqual({
      ok: false,
      errors: {
        headers: 'The value of X-Test holds a character a header cannot carry (a control character, or one past Latin-1 such as €).'
      }
    })
  })

  it('takes tabs and Latin-1 in a header value', () => {
    expect(accepted({ headers: [['X-Test', 'a\tb café']] }).headers).toEqual([['X-Test', 'a\tb café']])
  })

  it('refuses headers past their count or length limit', () => {
    const many = Array.from({ length: PLAN_LIMITS.headers + 1 }, (_, i): [string, string] => [`X-${i}`, 'v'])
    expect(refusal({ headers: many })).toEqual({ ok: false, errors: { headers: 'At most 100 headers.' } })
    expect(refusal({ headers: [['X-Long', 'v'.repeat(PLAN_LIMITS.headerLength)]] })).toEqual({
      ok: false,
      errors: { headers: 'The header X-Long is longer than 16,384 characters.' }
    })
    expect(accepted({ headers: [['X-Long', 'v'.repeat(PLAN_LIMITS.headerLength - 'X-Long'.length)]] }).headers).toHaveLength(1)
  })

  it('keeps repeated headers, in order, and values as given', () => {
    const headers = [
      ['X-Test', 'a'],
      ['Accept', 'text/plain'],
      ['X-Test', 'b'],
      ['x-test', ' c '],
      ['Authorization', 'Bearer t0k3n=']
    ]
    expect(accepted({ headers }).headers).toEqual(headers)
  })

  it('refuses headers that are not [name, value] pairs of strings', () => {
    for (const headers of [{ 'X-Test': 'a' }, [['X-Test']], [['X-Test', 1]], [['X-Test', 'a', 'b']]]) {
      const check = refusal({ headers })
      expect(check.ok).toBe(false)
      expect(!check.ok && check.errors.headers).toBeTruthy()
    }
  })

  it('takes a body with any method but HEAD', () => {
    expect(accepted({ method: 'POST', body: 'hello' }).body).toBe('hello')
    expect(accepted({ method: 'GET', body: '' }).body).toBe('')
    for (const method of ['HEAD', 'head']) {
      expect(refusal({ method, body: 'x' })).toEqual({ ok: false, errors: { body: 'A HEAD request cannot have a body.' } })
    }
    expect(accepted({ method: 'HEAD' }).body).toBeUndefined()
  })

  it('limits the body to 10 MB of UTF-8, not 10 M characters', () => {
    expect(accepted({ body: 'a'.repeat(PLAN_LIMITS.bodyBytes) }).body).toHaveLength(PLAN_LIMITS.bodyBytes)
    const twoBytesEach = 'é'.repeat(PLAN_LIMITS.bodyBytes / 2 + 1)
    expect(refusal({ body: twoBytesEach })).toEqual({ ok: false, errors: { body: 'The body can be at most 10 MB.' } })
  })

  it('asks for a number of requests or a duration when neither is given', () => {
    const { totalRequests: _omitted, ...noCount } = valid
    expect(checkRunPlan(noCount)).toEqual({
      ok: false,
      errors: { totalRequests: 'Give a number of requests or a duration.' }
    })
  })

  it('takes a duration alone, or with a count (whichever comes first)', () => {
    const { totalRequests: _omitted, ...noCount } = valid
    const byTime = checkRunPlan({ ...noCount, durationMs: 5000 })
    expect(byTime).toEqual({ ok: true, plan: { ...noCount, ...defaults, durationMs: 5000 } })
    expect(byTime.ok && 'totalRequests' in byTime.plan && byTime.plan.totalRequests !== undefined).toBe(false)
    expect(accepted({ durationMs: 5000 })).toMatchObject({ totalRequests: 100, durationMs: 5000 })
  })

  it('takes a rate (the open model) and pipelining, up to their limits', () => {
    expect(accepted({ ratePerSecond: 1, pipelining: 1 })).toMatchObject({ ratePerSecond: 1, pipelining: 1 })
    const largest = {
      ratePerSecond: PLAN_LIMITS.ratePerSecond,
      pipelining: PLAN_LIMITS.pipelining,
      durationMs: PLAN_LIMITS.durationMs
    }
    expect(accepted(largest)).toMatchObject(largest)
    expect(accepted({}).ratePerSecond).toBeUndefined()
  })

  it('takes the engine processes to split the run between, or leaves them to the front end', () => {
    expect(accepted({ workers: PLAN_LIMITS.workers }).workers).toBe(PLAN_LIMITS.workers)
    expect(accepted({}).workers).toBeUndefined()
  })

  it.each([
    ['pipelining', 0, 'Pipelining must be at least 1.'],
    ['pipelining', 2.5, 'Pipelining must be a whole number.'],
    ['pipelining', PLAN_LIMITS.pipelining + 1, 'Pipelining can be at most 1,000.'],
    ['ratePerSecond', 0, 'Rate must be at least 1.'],
    ['ratePerSecond', 0.5, 'Rate must be a whole number.'],
    ['ratePerSecond', PLAN_LIMITS.ratePerSecond + 1, 'Rate can be at most 10,000,000.'],
    ['ratePerSecond', '100', 'Rate must be a whole number.'],
    ['durationMs', 0, 'The duration must be at least 1 ms.'],
    ['durationMs', -1000, 'The duration must be at least 1 ms.'],
    ['durationMs', 1.5, 'The duration must be a whole number of milliseconds.'],
    ['durationMs', PLAN_LIMITS.durationMs + 1, 'The duration can be at most 24 hours.'],
    ['durationMs', Number.NaN, 'The duration must be a number.'],
    ['workers', 0, 'Workers must be at least 1.'],
    ['workers', 1.5, 'Workers must be a whole number.'],
    ['workers', PLAN_LIMITS.workers + 1, 'Workers can be at most 256.']
  ])('refuses %s = %s with that field message', (field, value, message) => {
    expect(checkRunPlan({ ...valid, [field]: value })).toEqual({ ok: false, errors: { [field]: message } })
  })
})

describe('checkRunPlan: stages (a load shape)', () => {
  const accepted = (input: Record<string, unknown>) => {
    const check = checkRunPlan({ ...valid, ...input })
    if (!check.ok) throw new Error(`refused: ${JSON.stringify(check)}`)
    return check.plan
  }
  const refusal = (input: Record<string, unknown>) => checkRunPlan({ ...valid, ...input })
  const stages = [
    { durationMs: 30_000, target: 200 },
    { durationMs: 0, target: 50 },
    { durationMs: 10_000, target: 0 }
  ]

  it('takes stages in either model, jumps (0 ms) included, as the only bound of the run', () => {
    const { totalRequests: _omitted, ...noCount } = valid
    expect(checkRunPlan({ ...noCount, stages })).toEqual({ ok: true, plan: { ...noCount, ...defaults, stages } })
    expect(accepted({ ratePerSecond: 100, stages })).toMatchObject({ ratePerSecond: 100, stages })
  })

  it('lets a shape start from 0: connections in the closed model, the rate in the open model', () => {
    expect(accepted({ concurrency: 0, stages }).concurrency).toBe(0)
    expect(accepted({ ratePerSecond: 0, stages }).ratePerSecond).toBe(0)
  })

  it.each([
    ['connections without stages', { concurrency: 0 }, { concurrency: 'Concurrency must be at least 1.' }],
    ['the rate without stages', { ratePerSecond: 0 }, { ratePerSecond: 'Rate must be at least 1.' }],
    ['the open model\'s connections', { concurrency: 0, ratePerSecond: 10, stages }, { concurrency: 'Concurrency must be at least 1.' }],
    ['a negative start', { concurrency: -1, stages }, { concurrency: 'Concurrency cannot be negative.' }],
    ['a negative starting rate', { ratePerSecond: -1, stages }, { ratePerSecond: 'Rate cannot be negative.' }]
  ])('refuses 0 or less for %s', (_label, input, errors) => {
    expect(refusal(input)).toEqual({ ok: false, errors })
  })

  it.each([
    ['a fractional duration', [{ durationMs: 1.5, target: 1 }], 'Stage 1: the duration must be a whole number of milliseconds.'],
    ['a negative duration', [...stages, { durationMs: -1, target: 1 }], 'Stage 4: the duration cannot be negative.'],
    ['a duration past a day', [{ durationMs: 86_400_001, target: 1 }], 'Stage 1: a stage can last at most 24 hours.'],
    ['no duration', [stages[0], { target: 1 }], 'Stage 2: give the duration as a whole number of milliseconds.'],
    ['a fractional target', [stages[0], stages[1], { durationMs: 1000, target: 2.5 }], 'Stage 3: the target must be a whole number.'],
    ['a negative target', [{ durationMs: 1000, target: -3 }], 'Stage 1: the target cannot be negative.'],
    ['a text target', [{ durationMs: 1000, target: '3' }], 'Stage 1: the target must be a whole number.'],
    ['an unknown key', [{ durationMs: 1000, target: 3, ramp: 'linear' }], 'Stage 1: give a duration and a target, and nothing else.'],
    ['more connections than allowed', [{ durationMs: 1000, target: PLAN_LIMITS.concurrency + 1 }], 'Stage 1: the target can be at most 10,000 connections.'],
    ['no stage', [], 'Give at least one stage, or none for a constant load.'],
    ['not a list', 'ramp', 'Give the stages as a list.'],
    ['too many', Array.from({ length: PLAN_LIMITS.stages + 1 }, () => stages[0]), 'At most 100 stages.'],
    ['no time at all', [{ durationMs: 0, target: 5 }], 'The stages last 0 ms: give at least one a duration.'],
    ['more than a day together', [{ durationMs: 86_400_000, target: 1 }, { durationMs: 1, target: 1 }], 'The stages can last at most 24 hours together.'],
    ['nothing but zeros', [{ durationMs: 1000, target: 0 }], 'The shape stays at 0 connections throughout: give a stage a target of 1 or more.']
  ])('refuses %s, naming the stage', (_label, badStages, message) => {
    expect(refusal({ concurrency: 0, stages: badStages })).toEqual({ ok: false, errors: { stages: message } })
  })

  it('judges open-model targets as rates, with their own limit', () => {
    const tooFast = [{ durationMs: 1000, target: PLAN_LIMITS.ratePerSecond + 1 }]
    expect(refusal({ ratePerSecond: 1, stages: tooFast })).toEqual({
      ok: false,
      errors: { stages: 'Stage 1: the target can be at most 10,000,000 requests a second.' }
    })
    // As many connections would be refused; as a rate it is fine.
    expect(accepted({ ratePerSecond: 1, stages: [{ durationMs: 1000, target: PLAN_LIMITS.concurrency + 1 }] })).toBeTruthy()
    expect(refusal({ ratePerSecond: 0, stages: [{ durationMs: 1000, target: 0 }] })).toEqual({
      ok: false,
      errors: { stages: 'The shape stays at 0 requests a second throughout: give a stage a target of 1 or more.' }
    })
  })

  it('takes a shape that starts high and falls to 0', () => {
    expect(accepted({ concurrency: 4, stages: [{ durationMs: 1000, target: 0 }] }).stages).toEqual([{ durationMs: 1000, target: 0 }])
  })
})

describe('checkRunPlan: protocol', () => {
  const accepted = (input: Record<string, unknown>) => {
    const check = checkRunPlan({ ...valid, ...input })
    if (!check.ok) throw new Error(`refused: ${JSON.stringify(check)}`)
    return check.plan
  }
  const refusal = (input: Record<string, unknown>) => checkRunPlan({ ...valid, ...input })
  const https = 'https://127.0.0.1:8443/'

  it('takes HTTP/2 over TLS for https:// and h2c for http://', () => {
    expect(accepted({ url: https, protocol: 'h2' }).protocol).toBe('h2')
    expect(accepted({ protocol: 'h2c' }).protocol).toBe('h2c')
    expect(accepted({ protocol: 'http1' }).protocol).toBe('http1')
  })

  it('says which protocol fits the URL', () => {
    expect(refusal({ protocol: 'h2' })).toEqual({
      ok: false,
      errors: { protocol: 'HTTP/2 over TLS needs an https:// URL; for HTTP/2 without TLS, choose h2c.' }
    })
    expect(refusal({ url: https, protocol: 'h2c' })).toEqual({
      ok: false,
      errors: { protocol: 'h2c is HTTP/2 without TLS and needs an http:// URL; for https://, choose HTTP/2.' }
    })
    expect(refusal({ protocol: 'h3' })).toEqual({ ok: false, errors: { protocol: 'Choose HTTP/1.1 (http1), HTTP/2 (h2) or h2c.' } })
  })

  it.each([
    ['Proxy-Connection', 'keep-alive', 'HTTP/2 forbids connection-specific headers; remove the Proxy-Connection header or use HTTP/1.1.'],
    ['HTTP2-Settings', 'AAMAAABkAAQAAP__', 'HTTP/2 forbids connection-specific headers; remove the HTTP2-Settings header or use HTTP/1.1.'],
    ['TE', 'gzip', 'HTTP/2 allows TE only as "TE: trailers"; remove the header or use HTTP/1.1.']
  ])('refuses the connection-specific header %s with HTTP/2, and lets HTTP/1.1 send it', (name, value, message) => {
    for (const protocol of ['h2c', 'h2']) {
      const url = protocol === 'h2' ? https : valid.url
      expect(refusal({ url, protocol, headers: [['X-Fine', '1'], [name, value]] })).toEqual({ ok: false, errors: { headers: message } })
    }
    expect(accepted({ headers: [[name, value]] }).headers).toEqual([[name, value]])
  })

  it('lets HTTP/2 send TE: trailers, and refuses Connection as for every protocol', () => {
    expect(accepted({ protocol: 'h2c', headers: [['te', 'Trailers']] }).headers).toEqual([['te', 'Trailers']])
    expect(refusal({ protocol: 'h2c', headers: [['Connection', 'close']] })).toEqual({
      ok: false,
      errors: { headers: 'Stampede keeps connections alive itself; remove the Connection header.' }
    })
  })

  it('takes insecure TLS with either protocol over TLS', () => {
    expect(accepted({ url: https, protocol: 'h2', insecure: true })).toMatchObject({ protocol: 'h2', insecure: true })
  })
})

describe('checkRunPlan: errors in the plan\'s field order', () => {
  it('lists each field\'s message in the order of the plan, wherever it was found', () => {
    const check = checkRunPlan({ url: 'http://h/', concurrency: 0, pipelining: 0, timeoutMs: 1.5, totalRequests: 5 })
    expect(!check.ok && Object.keys(check.errors)).toEqual(['concurrency', 'pipelining', 'timeoutMs'])
  })
})
