import { describe, expect, it } from 'vitest'
import { compileCapture, parseCaptureText } from '../../src/shared/flow/capture'
import { compileCheck } from '../../src/shared/flow/check'
import type { StepResponse } from '../../src/shared/flow/step-response'
import { compileTemplate } from '../../src/shared/flow/template'
import { countOnStripe, nestStripe, onStripe } from '../../src/shared/flow/row-stripe'

/** Checks, captures, templates and the stripe rule, each compiled once and then judged on responses. */

function response(overrides: Partial<StepResponse> & { headers?: Record<string, string>; cookies?: Record<string, string> } = {}): StepResponse {
  const { headers = {}, cookies = {}, ...rest } = overrides
  return {
    status: 200,
    latencyMs: 50,
    header: (name) => headers[name],
    body: '{"ok": true, "token": "abc", "n": 3, "items": [{"id": 7}]}',
    bodyCut: false,
    cookie: (name) => cookies[name],
    ...rest
  }
}

function judge(text: string, on: StepResponse = response()): boolean {
  const read = compileCheck(text)
  if (!read.ok) throw new Error(read.message)
  let parsed: unknown
  return read.check.judge(on, () => {
    try {
      return (parsed ??= JSON.parse(on.body ?? ''))
    } catch {
      return undefined
    }
  })
}

describe('checks', () => {
  it.each([
    ['status == 200', true],
    ['status != 200', false],
    ['status < 300', true],
    ['status >= 201', false],
    ['status in 200..299', true],
    ['status in 300..399', false],
    ['body contains "token"', true],
    ["body contains 'nope'", false],
    ['body !contains "nope"', true],
    ['json $.ok == true', true],
    ['json $.n == 3', true],
    ['json $.token == abc', true],
    ['json $.token == "abd"', false],
    ['json $.token != "abd"', true],
    ['json $.items[0].id exists', true],
    ['json $.missing exists', false],
    ['json $.missing != 1', false],
    ['latency < 200ms', true],
    ['latency < 0.01s', false]
  ])('%s is %s', (text, expected) => {
    expect(judge(text)).toBe(expected)
  })

  it('judges headers by name in any case', () => {
    const on = response({ headers: { 'content-type': 'application/json; charset=utf-8' } })
    expect(judge('header Content-Type contains json', on)).toBe(true)
    expect(judge('header content-type == "application/json; charset=utf-8"', on)).toBe(true)
    expect(judge('header X-Missing contains a', on)).toBe(false)
  })

  it('cannot prove a text absent from a body that was cut at its limit', () => {
    expect(judge('body !contains "zzz"', response({ body: 'abc', bodyCut: true }))).toBe(false)
  })

  it.each(['status is 200', 'status == 20', 'body has x', 'json $.[ == 1', 'latency < soon', 'status in 300..200'])('refuses %j', (text) => {
    expect(compileCheck(text).ok).toBe(false)
  })
})

describe('captures', () => {
  const extract = (text: string, on: StepResponse = response()): unknown => {
    const parsed = parseCaptureText('v', text)
    if (!parsed.ok) throw new Error(parsed.message)
    const compiled = compileCapture(parsed.capture)
    if (!compiled.ok) throw new Error(compiled.message)
    return compiled.capture.extract(on, () => JSON.parse(on.body ?? ''))
  }

  it('takes a JSONPath value, as text (JSON for what is not text)', () => {
    expect(extract('json $.token')).toEqual({ ok: true, value: 'abc' })
    expect(extract('json $.items[0]')).toEqual({ ok: true, value: '{"id":7}' })
    expect(extract('json $.nothing')).toEqual({ ok: false, why: '$.nothing found nothing' })
  })

  it("takes a regex's first group, else the whole match", () => {
    expect(extract(`regex '"token": "(\\w+)"'`)).toEqual({ ok: true, value: 'abc' })
    expect(extract("regex 'tok..'")).toEqual({ ok: true, value: 'token' })
    expect(extract("regex 'zzz'")).toEqual({ ok: false, why: 'the pattern matched nothing' })
  })

  it('takes a header and a cookie', () => {
    const on = response({ headers: { 'x-session': 's-1' }, cookies: { sid: 'c-1' } })
    expect(extract('header X-Session', on)).toEqual({ ok: true, value: 's-1' })
    expect(extract('cookie sid', on)).toEqual({ ok: true, value: 'c-1' })
    expect(extract('cookie other', on)).toEqual({ ok: false, why: 'no cookie other' })
  })

  it('never evaluates a script expression: a filter is a JSONPath filter, not code', () => {
    const parsed = parseCaptureText('v', 'json $[?(@.constructor.constructor("return process")())]')
    expect(parsed.ok).toBe(false)
  })
})

describe('templates', () => {
  const slots = new Map<string, number>()
  const slotOf = (name: string): number => {
    if (!slots.has(name)) slots.set(name, slots.size)
    return slots.get(name) as number
  }

  it('is its text when it has no slot, and fills variables and built-ins when it has', () => {
    const plain = compileTemplate('http://127.0.0.1/health', slotOf)
    expect(plain.ok && plain.template.constant).toBe('http://127.0.0.1/health')
    const read = compileTemplate('{{host}}/u/{{$vu}}/{{$iteration}}/{{ $randomInt 5 5 }}', slotOf)
    if (!read.ok) throw new Error(read.message)
    expect(read.template.constant).toBeUndefined()
    expect(read.template.render(['http://h'], { iteration: 9, vu: 2 })).toBe('http://h/u/2/9/5')
  })

  it('gives a fresh UUID each time', () => {
    const read = compileTemplate('{{$uuid}}', slotOf)
    if (!read.ok) throw new Error(read.message)
    const [a, b] = [read.template.render([], { iteration: 0, vu: 0 }), read.template.render([], { iteration: 0, vu: 0 })]
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a).not.toBe(b)
  })
})

describe('the stripe rule', () => {
  it('covers every index exactly once, whatever the number of stripes, nested too', () => {
    for (const count of [1, 2, 3, 7]) {
      const segments = Array.from({ length: count }, (_, index) => nestStripe(index, count))
      const workers = segments.flatMap((segment) => [0, 1, 2].map((index) => nestStripe(index, 3, segment)))
      for (let row = 0; row < 100; row++) expect(workers.filter((stripe) => onStripe(row, stripe))).toHaveLength(1)
      expect(workers.map((stripe) => countOnStripe(100, stripe)).reduce((a, b) => a + b, 0)).toBe(100)
    }
  })
})
