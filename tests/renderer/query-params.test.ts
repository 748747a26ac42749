import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { queryParamsOf, withQueryParams } from '../../src/renderer/src/plan/query-params'

describe('queryParamsOf', () => {
  it('reads each pair in order, decoded, with repeats and the fragment left out', () => {
    expect(queryParamsOf('http://127.0.0.1/p?a=1&b=two+words&a=%26%3D&empty=#top')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two words' },
      { name: 'a', value: '&=' },
      { name: 'empty', value: '' }
    ])
  })

  it('keeps rows still being typed: an empty pair, a name alone, a value alone', () => {
    expect(queryParamsOf('http://h/?&a&=v')).toEqual([
      { name: '', value: '' },
      { name: 'a', value: '' },
      { name: '', value: 'v' }
    ])
  })

  it('has no rows without a "?", and reads a half-typed URL too', () => {
    expect(queryParamsOf('http://127.0.0.1/health')).toEqual([])
    expect(queryParamsOf('127.0.0.1?x=1')).toEqual([{ name: 'x', value: '1' }])
  })
})

describe('withQueryParams', () => {
  it('rewrites only the query, keeping the path and the fragment', () => {
    const url = withQueryParams('http://127.0.0.1:8080/api/orders?old=1#list', [
      { name: 'limit', value: '20' },
      { name: 'q', value: 'a b&c' }
    ])
    expect(url).toBe('http://127.0.0.1:8080/api/orders?limit=20&q=a+b%26c#list')
  })

  it('drops the "?" when the last row goes', () => {
    expect(withQueryParams('http://127.0.0.1/p?a=1#f', [])).toBe('http://127.0.0.1/p#f')
  })

  it('writes the URL a user typed back unchanged, when its query is already encoded as forms are', () => {
    for (const url of [
      'http://127.0.0.1/p?a=1&b=two+words&c=%26%3D',
      'https://h.test/?q=caf%C3%A9&&x=#frag',
      'http://h/?only-name=&=only-value',
      'http://h/path'
    ]) {
      expect(withQueryParams(url, queryParamsOf(url))).toBe(url)
    }
  })

  it('gives back exactly the rows it was given, whatever they hold (round trip, any text)', () => {
    const row = fc.record({ name: fc.string(), value: fc.string() })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.constantFrom('http://h/p', 'http://h/p?x=1#frag', ''), (rows, url) => {
        const expected = rows.length === 0 ? [] : rows
        expect(queryParamsOf(withQueryParams(url, rows))).toEqual(expected)
      })
    )
  })
})
