import { describe, expect, it } from 'vitest'
import { DEMO_FLAKY_FAILURE_RATE, DEMO_SLOW_DELAY_MS, demoResponse } from '../../src/demo-target/routes'

const bodyOf = (url: string, random?: () => number): unknown => JSON.parse(demoResponse(url, random).body.toString())

describe('demoResponse', () => {
  it('answers / at once with 200 and a small JSON body', () => {
    const response = demoResponse('/')
    expect(response).toMatchObject({ status: 200, delayMs: 0 })
    expect(bodyOf('/')).toMatchObject({ ok: true })
    expect(response.body.length).toBeLessThan(200)
  })

  it('ignores the query string', () => {
    expect(demoResponse('/?cache=bust')).toEqual(demoResponse('/'))
    expect(demoResponse('/slow?x=1').delayMs).toBe(DEMO_SLOW_DELAY_MS)
  })

  it('answers /slow after the slow delay', () => {
    expect(demoResponse('/slow')).toMatchObject({ status: 200, delayMs: DEMO_SLOW_DELAY_MS })
  })

  it('answers /flaky 503 for the failing share of draws only', () => {
    expect(demoResponse('/flaky', () => 0).status).toBe(503)
    expect(demoResponse('/flaky', () => DEMO_FLAKY_FAILURE_RATE - 0.001).status).toBe(503)
    expect(demoResponse('/flaky', () => DEMO_FLAKY_FAILURE_RATE).status).toBe(200)
    expect(demoResponse('/flaky', () => 0.99).status).toBe(200)
    expect(bodyOf('/flaky', () => 0)).toMatchObject({ ok: false })
  })

  it('answers an unknown path 404 and says which paths exist', () => {
    expect(demoResponse('/nope')).toMatchObject({ status: 404, delayMs: 0 })
    expect(JSON.stringify(bodyOf('/nope'))).toContain('/slow')
  })
})
