import { describe, expect, test } from 'vitest'
import { buildImport } from '../../../src/shared/import/build-import'
import { readHar } from '../../../src/shared/import/har-file'
import type { ImportedTest } from '../../../src/shared/import/imported-test'
import { harOf, type Recorder } from '../../support/recordings/har-builder'
import { CSRF, META_CSRF, ORDER, PASSWORD, SESSION, SHOP_JOURNEY, TOKEN } from '../../support/recordings/shop-journey'

function imported(recorder: Recorder, options = {}): ImportedTest {
  const read = readHar(JSON.stringify(harOf(recorder, SHOP_JOURNEY)), 'shop.har')
  if (!read.ok) throw new Error(read.message)
  return buildImport(read.recording, options)
}

/** The step's texts as one, to look for a recorded value anywhere in it. */
const stepText = (test: ImportedTest, index: number): string => JSON.stringify(test.flow.steps[index])

describe.each<Recorder>(['chrome', 'firefox', 'playwright'])('the shop journey as %s records it', (recorder) => {
  test('keeps the four requests of the journey, in order, each with its method, URL and body', () => {
    const { flow } = imported(recorder)
    expect(flow.variables).toEqual([['host', 'https://shop.example']])
    expect(flow.steps.map((step) => `${step.method} ${step.url}`)).toEqual([
      'GET {{host}}/login',
      'POST {{host}}/login',
      'POST {{host}}/api/orders',
      'GET {{host}}{{location}}?session={{xSession}}'
    ])
    expect(flow.steps[1].body).toBe(`user=alice&password=${PASSWORD}&csrf={{csrf}}`)
    expect(flow.steps[2].body).toBe(JSON.stringify({ sku: 'sku-1', quantity: 1, csrf: '{{csrfToken}}' }))
    expect(flow.steps.map((step) => step.checks)).toEqual([['status == 200'], ['status == 200'], ['status == 201'], ['status == 200']])
  })

  test('drops the static assets, the CDN, the analytics beacon and the preflight, and lists each', () => {
    const { findings } = imported(recorder)
    const dropped = findings.dropped.map((each) => `${each.reason} ${each.method} ${new URL(each.url).pathname}`)
    expect(dropped).toEqual(
      expect.arrayContaining([
        'static GET /static/app.js',
        'static GET /static/site.css',
        'static GET /static/logo.png',
        'static GET /fonts/inter.woff2',
        'static GET /npm/lib@1/lib.min.js',
        'preflight OPTIONS /api/orders',
        'otherHost POST /g/collect'
      ])
    )
    expect(dropped).toHaveLength(7)
    expect(findings.hosts).toEqual([
      { host: 'shop.example', requests: 4, kept: true, analytics: false, journey: true },
      { host: 'www.google-analytics.com', requests: 1, kept: false, analytics: true, journey: false }
    ])
  })

  test('takes the browser headers off and the Cookie header, keeping Origin, Accept and Authorization', () => {
    const { flow, findings } = imported(recorder)
    const names = new Set(flow.steps.flatMap((step) => step.headers.map(([name]) => name.toLowerCase())))
    for (const gone of ['host', 'user-agent', 'cookie', 'content-length', ':authority', 'sec-ch-ua', 'sec-fetch-site', 'connection']) {
      expect(names.has(gone), gone).toBe(false)
    }
    expect([...names]).toEqual(expect.arrayContaining(['accept', 'origin', 'authorization', 'content-type']))
    expect(flow.steps[1].headers).toContainEqual(['Origin', '{{host}}'])
    expect(findings.droppedHeaders.find((header) => header.name === 'cookie')?.steps).toBe(1)
  })

  test('correlates the CSRF values, the token, the session and the Location, and no recorded value is left', () => {
    const test = imported(recorder)
    const proposals = test.findings.correlations.map((each) => `${each.variable} = ${each.source} ${each.expression} @${each.step}`)
    expect(proposals.sort()).toEqual(
      [
        `csrf = regex name="csrf"[^>]*value="([^"]+)" @0`,
        `csrfToken = regex name="csrf-token"[^>]*content="([^"]+)" @0`,
        'location = header location @2',
        'token = json $.token @1',
        'xSession = header x-session @1'
      ].sort()
    )
    for (const value of [CSRF, META_CSRF, TOKEN, SESSION, ORDER]) {
      for (let step = 1; step < test.flow.steps.length; step++) expect(stepText(test, step)).not.toContain(value)
    }
    expect(test.flow.steps[2].headers).toEqual(
      expect.arrayContaining([
        ['Authorization', 'Bearer {{token}}'],
        ['X-Session', '{{xSession}}']
      ])
    )
    expect(test.flow.steps[1].captures).toEqual([
      { variable: 'xSession', source: 'header', expression: 'x-session' },
      { variable: 'token', source: 'json', expression: '$.token' }
    ])
  })

  test('does not correlate the user name the client sent, short values, booleans or small numbers', () => {
    const variables = imported(recorder).findings.correlations.map((each) => each.variable)
    expect(variables).not.toContain('name')
    expect(variables).not.toContain('id')
    expect(variables).not.toContain('ok')
  })

  test('says which steps carry secrets and which stay in the file', () => {
    const secrets = imported(recorder).findings.secrets.map((each) => `${each.step} ${each.kind} ${each.where} ${each.staysInFile ? 'stays' : 'gone'}`)
    expect(secrets).toEqual(
      expect.arrayContaining(['0 cookie header Cookie gone', '1 password body password stays', '2 authorization header Authorization gone', '3 authorization header Authorization gone'])
    )
  })
})

describe("the review's choices", () => {
  test('a rejected correlation leaves the recorded value and no capture; the others stay', () => {
    const all = imported('chrome')
    const token = all.findings.correlations.find((each) => each.variable === 'token')!
    const test = buildImport(readRecording(), { rejected: [token.id] })
    expect(test.findings.correlations.find((each) => each.id === token.id)?.accepted).toBe(false)
    expect(test.flow.steps[2].headers).toContainEqual(['Authorization', `Bearer ${TOKEN}`])
    expect(test.flow.steps[1].captures.map((capture) => capture.variable)).toEqual(['xSession'])
    expect(test.findings.secrets).toContainEqual({ step: 2, kind: 'authorization', where: 'header Authorization', staysInFile: true })
  })

  test('a kept host brings its requests back; think times follow the gaps when asked', () => {
    const test = buildImport(readRecording(), { hosts: ['shop.example', 'www.google-analytics.com'], thinkTimes: true })
    expect(test.flow.steps).toHaveLength(5)
    expect(test.flow.steps[0].think).toEqual({ minMs: 5980, maxMs: 5980 })
    expect(imported('chrome').flow.steps[0].think).toBeUndefined()
  })

  test('the User-Agent is sent as recorded when asked', () => {
    const test = buildImport(readRecording(), { keepUserAgent: true })
    expect(test.flow.steps[0].headers.map(([name]) => name.toLowerCase())).toContain('user-agent')
  })
})

function readRecording() {
  const read = readHar(JSON.stringify(harOf('chrome', SHOP_JOURNEY)), 'shop.har')
  if (!read.ok) throw new Error(read.message)
  return read.recording
}

describe('a file that is not a HAR is refused whole, naming the file and what is wrong', () => {
  test.each([
    ['{"log": {"entries": [}', 'shop.har: Not JSON: expected a value at line 1, column 22'],
    ['{"log": {}}', 'shop.har: not a HAR file: log.entries:'],
    ['{"log": {"entries": []}}', 'shop.har: the recording has no requests.'],
    ['{"log": {"entries": [{"request": {"method": "GET", "headers": []}}]}}', 'shop.har: not a HAR file: log.entries[0].request.url:'],
    ['{"log": {"entries": [{"request": {"method": "G T", "url": "http://a/", "headers": []}}]}}', 'shop.har: log.entries[0]: the method "G T" is not an HTTP method.']
  ])('%s', (text, message) => {
    const read = readHar(text, 'shop.har')
    expect(read.ok).toBe(false)
    if (!read.ok) expect(read.message).toContain(message)
  })
})
