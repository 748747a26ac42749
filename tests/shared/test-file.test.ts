import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLAN_LIMITS, PROTOCOLS } from '../../src/shared/run-plan'
import { checkTestDefinition, type TestDefinition } from '../../src/shared/saved-test'
import { parseTestFile, testFileFormatOf, testFileText } from '../../src/shared/test-file'

/** A test file read back to the test it describes; a bad one to one message per problem, naming file, line and key. */

const MINIMAL = 'stampede: 1\nname: Health\nrequest:\n  url: http://127.0.0.1:8080/health\nload:\n  requests: 100\n'

function testOf(text: string, fileName = 'checkout.yaml'): TestDefinition {
  const read = parseTestFile(text, fileName)
  if (!read.ok) throw new Error(read.message)
  return read.test
}

describe('parseTestFile', () => {
  it('reads the example in examples/, which README shows', () => {
    const text = readFileSync(new URL('../../examples/checkout.stampede.yaml', import.meta.url), 'utf8')
    expect(testOf(text, 'checkout.stampede.yaml')).toEqual({
      name: 'Checkout',
      plan: {
        url: 'https://shop.example/api/checkout',
        method: 'POST',
        headers: [
          ['Content-Type', 'application/json'],
          ['Authorization', 'Bearer test-token']
        ],
        body: '{"sku": 42, "quantity": 1}',
        concurrency: 20,
        pipelining: 1,
        ratePerSecond: 50,
        stages: [
          { durationMs: 30_000, target: 200 },
          { durationMs: 60_000, target: 200 },
          { durationMs: 10_000, target: 0 }
        ],
        protocol: 'http1',
        timeoutMs: 5000,
        insecure: false
      },
      thresholds: ['p99<250ms', 'error_rate<1%']
    })
  })

  it("is shown in README's Test files section as it is in examples/", () => {
    const example = readFileSync(new URL('../../examples/checkout.stampede.yaml', import.meta.url), 'utf8')
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(`\`\`\`yaml\n${example}\`\`\``)
  })

  it('fills in what a file leaves out with the plan defaults, connections included', () => {
    expect(testOf(MINIMAL)).toEqual({
      name: 'Health',
      plan: {
        url: 'http://127.0.0.1:8080/health',
        method: 'GET',
        headers: [],
        totalRequests: 100,
        concurrency: 50,
        pipelining: 1,
        protocol: 'http1',
        timeoutMs: 10_000,
        insecure: false
      },
      thresholds: []
    })
  })

  it('reads durations with units (ms, s, m, decimals rounded) or as plain milliseconds', () => {
    const text = `${MINIMAL}  duration: 1.5m\n  stages:\n    - { duration: 250ms, target: 3 }\n    - { duration: 0.0015s, target: 4 }\n    - { duration: 700, target: 5 }\n`
    const { plan } = testOf(text.replace('request:\n', 'request:\n  timeout: 2500\n'))
    expect(plan.durationMs).toBe(90_000)
    expect(plan.timeoutMs).toBe(2500)
    expect(plan.stages).toEqual([
      { durationMs: 250, target: 3 },
      { durationMs: 2, target: 4 },
      { durationMs: 700, target: 5 }
    ])
  })

  it('keeps headers in order, a repeated name in the list form', () => {
    const text = MINIMAL.replace(
      'request:\n',
      'request:\n  headers:\n    - Cookie: a=1\n    - Accept: text/plain\n    - Cookie: b=2\n'
    )
    expect(testOf(text).plan.headers).toEqual([
      ['Cookie', 'a=1'],
      ['Accept', 'text/plain'],
      ['Cookie', 'b=2']
    ])
  })

  it('reads the same test from YAML and from JSON', () => {
    const yaml = `stampede: 1
name: Checkout
request:
  method: post
  url: http://127.0.0.1:8080/checkout
  headers: { Content-Type: application/json }
  body: '{"sku": 42}'
  protocol: h2c
load: { connections: 4, duration: 30s, rate: 20, workers: 2 }
thresholds: [p99<250ms]
`
    const json = JSON.stringify({
      stampede: 1,
      name: 'Checkout',
      request: {
        method: 'post',
        url: 'http://127.0.0.1:8080/checkout',
        headers: { 'Content-Type': 'application/json' },
        body: '{"sku": 42}',
        protocol: 'h2c'
      },
      load: { connections: 4, duration: '30s', rate: 20, workers: 2 },
      thresholds: ['p99<250ms']
    })
    expect(testOf(json, 'checkout.json')).toEqual(testOf(yaml))
    expect(testOf(yaml).plan).toMatchObject({ method: 'POST', protocol: 'h2c', durationMs: 30_000, workers: 2 })
  })

  it('reads a file saved with a byte-order mark and Windows line ends, and counts its lines', () => {
    const json = '\uFEFF{\r\n  "stampede": 1,\r\n  "name": "Health",\r\n  "request": { "url": "http://127.0.0.1:8080/health" },\r\n  "load": { "requests": 100 }\r\n}\r\n'
    expect(testOf(json, 'health.json')).toEqual(testOf(MINIMAL))
    const yaml = `\uFEFF${MINIMAL.replace('requests: 100', 'requests: 0').replaceAll('\n', '\r\n')}`
    expect(parseTestFile(yaml, 'health.yaml')).toEqual({
      ok: false,
      message: 'health.yaml, line 6 (load.requests): Number of requests must be at least 1.'
    })
  })

  it('tells JSON by the .json extension, YAML otherwise', () => {
    expect(['a.json', 'a.JSON', 'a.yaml', 'a.yml', 'a', 'a.json.yaml'].map(testFileFormatOf)).toEqual([
      'json',
      'json',
      'yaml',
      'yaml',
      'yaml',
      'yaml'
    ])
  })
})

/** Each bad file and its whole message: what a QA engineer reads in the terminal or the app. */
const BAD_FILES: Array<[what: string, fileName: string, text: string, message: string]> = [
  ['an empty file', 'checkout.yaml', '', 'checkout.yaml: the file is empty; a test file starts with stampede: 1.'],
  ['a file of comments only', 'checkout.yaml', '# a test, one day\n', 'checkout.yaml: the file is empty; a test file starts with stampede: 1.'],
  [
    'a YAML syntax error',
    'checkout.yaml',
    'stampede: 1\nname: Checkout\nrequest:\n  url: http://127.0.0.1/\n   method: GET\n',
    'checkout.yaml, line 4: Nested mappings are not allowed in compact mappings.'
  ],
  [
    'a key given twice',
    'checkout.yaml',
    'stampede: 1\nname: Checkout\nrequest:\n  url: http://127.0.0.1/\nload:\n  requests: 5\n  requests: 6\n',
    'checkout.yaml, line 7: This key is given twice in its mapping.'
  ],
  ['two documents', 'checkout.yaml', `${MINIMAL}---\n${MINIMAL}`, 'checkout.yaml, line 7: A test file holds one test: remove the second document (from ---).'],
  ['a list, not a mapping', 'checkout.yaml', '- stampede: 1\n', 'checkout.yaml, line 1: a test file is a mapping of stampede, name, request, load and thresholds.'],
  ['no format version', 'checkout.yaml', MINIMAL.replace('stampede: 1\n', ''), 'checkout.yaml, line 1: give the format version first: stampede: 2.'],
  ['an unknown format version', 'checkout.yaml', MINIMAL.replace('stampede: 1', 'stampede: 3'), 'checkout.yaml, line 1 (stampede): this Stampede reads test files of format version 1 or 2, not 3.'],
  ['a typo in a key', 'checkout.yaml', MINIMAL.replace('  requests:', '  reqests:'), 'checkout.yaml, line 6 (load.reqests): Unknown key: load holds connections, requests, duration, rate, pipelining, workers and stages.'],
  ['an unknown top-level key', 'checkout.yaml', `${MINIMAL}treshold: [p99<1s]\n`, 'checkout.yaml, line 7 (treshold): Unknown key: a test file holds stampede, name, request, load and thresholds.'],
  ['no URL', 'checkout.yaml', MINIMAL.replace('  url: http://127.0.0.1:8080/health\n', '  method: GET\n'), 'checkout.yaml, line 3 (request.url): Give the URL to test, such as https://shop.example/api/checkout.'],
  ['no name', 'checkout.yaml', MINIMAL.replace('name: Health\n', ''), 'checkout.yaml, line 1 (name): Give the test a name.'],
  ['a section that is not a mapping', 'checkout.yaml', MINIMAL.replace('load:\n  requests: 100\n', 'load: 100\n'), 'checkout.yaml, line 5 (load): Load is a mapping of connections, requests, duration, rate, pipelining, workers and stages.'],
  ['a count that is not a number', 'checkout.yaml', MINIMAL.replace('requests: 100', 'requests: many'), 'checkout.yaml, line 6 (load.requests): Number of requests must be a whole number.'],
  ['a count the plan refuses', 'checkout.yaml', `${MINIMAL}  connections: 0\n`, 'checkout.yaml, line 7 (load.connections): Concurrency must be at least 1.'],
  [
    'two values the plan refuses, one line each',
    'checkout.yaml',
    `${MINIMAL}  connections: 0\n  pipelining: 1.5\n`,
    'checkout.yaml, line 7 (load.connections): Concurrency must be at least 1.\ncheckout.yaml, line 8 (load.pipelining): Pipelining must be a whole number.'
  ],
  [
    'two unknown keys and a bad duration, all named',
    'checkout.yaml',
    MINIMAL.replace('request:\n', 'request:\n  verb: GET\n  timeout: soon\n  insecure: false\n  tls: off\n'),
    'checkout.yaml, line 4 (request.verb): Unknown key: request holds method, url, headers, body, timeout, protocol and insecure.\n' +
      'checkout.yaml, line 5 (request.timeout): "soon" is not a duration: write a duration such as 30s, 500ms or 2m, or a number of milliseconds.\n' +
      'checkout.yaml, line 7 (request.tls): Unknown key: request holds method, url, headers, body, timeout, protocol and insecure.'
  ],
  ['a URL the plan refuses', 'checkout.yaml', MINIMAL.replace('http://127.0.0.1:8080/health', 'ftp://127.0.0.1/'), 'checkout.yaml, line 4 (request.url): Only http:// and https:// URLs can be tested, not ftp://.'],
  ['a protocol the plan refuses', 'checkout.yaml', MINIMAL.replace('request:\n', 'request:\n  protocol: h3\n'), 'checkout.yaml, line 4 (request.protocol): Choose HTTP/1.1 (http1), HTTP/2 (h2) or h2c.'],
  ['a yes that is not true', 'checkout.yaml', MINIMAL.replace('request:\n', 'request:\n  insecure: yes\n'), 'checkout.yaml, line 4 (request.insecure): Insecure must be true or false.'],
  ['HTTP/2 over TLS for an http:// URL', 'checkout.yaml', MINIMAL.replace('request:\n', 'request:\n  protocol: h2\n'), 'checkout.yaml, line 4 (request.protocol): HTTP/2 over TLS needs an https:// URL; for HTTP/2 without TLS, choose h2c.'],
  ['no requests, duration or stages', 'checkout.yaml', MINIMAL.replace('  requests: 100\n', '  connections: 5\n'), 'checkout.yaml, line 5 (load.requests): Give a number of requests or a duration.'],
  ['a bad duration unit', 'checkout.yaml', MINIMAL.replace('requests: 100', 'duration: 30sec'), 'checkout.yaml, line 6 (load.duration): "30sec" is not a duration: write a duration such as 30s, 500ms or 2m, or a number of milliseconds.'],
  ['a duration that is not text or a number', 'checkout.yaml', MINIMAL.replace('requests: 100', 'duration: [30s]'), 'checkout.yaml, line 6 (load.duration): Write a duration such as 30s, 500ms or 2m, or a number of milliseconds.'],
  [
    'a stage the plan refuses',
    'checkout.yaml',
    `${MINIMAL}  stages:\n    - { duration: 10s, target: 5 }\n    - { duration: 10s, target: 20000 }\n`,
    'checkout.yaml, line 9 (load.stages): Stage 2: the target can be at most 10,000 connections.'
  ],
  ['a stage in hours', 'checkout.yaml', `${MINIMAL}  stages:\n    - { duration: 1h, target: 5 }\n`, 'checkout.yaml, line 8 (load.stages[0].duration): "1h" is not a duration: write a duration such as 30s, 500ms or 2m, or a number of milliseconds.'],
  ['a stage with a stray key', 'checkout.yaml', `${MINIMAL}  stages:\n    - { duration: 1s, target: 5, ramp: linear }\n`, 'checkout.yaml, line 8 (load.stages[0].ramp): Unknown key: a stage holds duration and target.'],
  ['a header value that is a number', 'checkout.yaml', MINIMAL.replace('request:\n', 'request:\n  headers:\n    X-Retry: 3\n'), 'checkout.yaml, line 5 (request.headers.X-Retry): The value of X-Retry is text: put it in quotes, as in X-Retry: "3".'],
  ['a header the plan refuses', 'checkout.yaml', MINIMAL.replace('request:\n', 'request:\n  headers:\n    Connection: close\n'), 'checkout.yaml, line 4 (request.headers): Stampede keeps connections alive itself; remove the Connection header.'],
  ['headers as text', 'checkout.yaml', MINIMAL.replace('request:\n', "request:\n  headers: 'X-A: 1'\n"), 'checkout.yaml, line 4 (request.headers): Give the headers as a mapping of Name: value, or as a list of Name: value when a name repeats.'],
  ['a bad threshold', 'checkout.yaml', `${MINIMAL}thresholds:\n  - p99<250ms\n  - p99<fast\n`, 'checkout.yaml, line 9 (thresholds[1]): Threshold refused: p99<fast: give a time, such as 250ms, 0.25s or 800us.'],
  ['thresholds as text', 'checkout.yaml', `${MINIMAL}thresholds: p99<250ms\n`, 'checkout.yaml, line 7 (thresholds): Thresholds must be a list of at most 20 conditions.'],
  ['a JSON file with a trailing comma', 'checkout.json', '{\n  "stampede": 1,\n  "name": "Checkout",\n}\n', 'checkout.json, line 3: Not valid JSON: a comma before "}" (JSON allows none after the last item).'],
  ['a JSON file with a comment', 'checkout.json', '{\n  // the checkout\n  "stampede": 1\n}\n', 'checkout.json, line 2: Not valid JSON: JSON has no comments (a YAML file may have them).'],
  ['a JSON file with single quotes', 'checkout.json', "{\n  'stampede': 1\n}\n", 'checkout.json, line 2: Not valid JSON: "\'stampede\'" is not a value; JSON puts names and text in double quotes.'],
  ['a JSON file cut short', 'checkout.json', '{\n  "stampede": 1,\n  "name": "Checkout"\n', 'checkout.json, line 4: Not valid JSON: the file ends before the JSON does.'],
  ['a JSON file given as YAML', 'checkout.json', MINIMAL, 'checkout.json, line 1: Not valid JSON: "stampede" is not a value; JSON puts names and text in double quotes.'],
  [
    'a JSON file the plan refuses, with its line',
    'checkout.json',
    '{\n  "stampede": 1,\n  "name": "Checkout",\n  "request": { "url": "http://127.0.0.1/" },\n  "load": {\n    "requests": 0\n  }\n}\n',
    'checkout.json, line 6 (load.requests): Number of requests must be at least 1.'
  ]
]

describe('a bad test file', () => {
  it.each(BAD_FILES)('is refused with its message: %s', (_what, fileName, text, message) => {
    expect(parseTestFile(text, fileName)).toEqual({ ok: false, message })
  })
})

const HEADER_NAMES = ['Accept', 'accept', 'X-Trace', 'Set-Cookie', '123', '__proto__', 'A_b.c~d']
const THRESHOLDS = ['p99<250ms', 'error_rate<1%', 'rps>500', 'p99.9 <= 1s', 'ttfb_max<800us', 'client_or_server_error_rate<0.5%']

/** Candidates for a test, within the plan's limits; checkTestDefinition keeps the valid ones, as the app does. */
const validTest: fc.Arbitrary<TestDefinition> = fc
  .record(
    {
      name: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
      plan: fc.record(
        {
          url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
          method: fc.constantFrom('GET', 'POST', 'put', 'DELETE', 'PURGE', 'HEAD'),
          headers: fc.array(fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code === 0x7f ? 0x41 : code)), maxLength: 30 })), { maxLength: 5 }),
          body: fc.string({ unit: 'grapheme', maxLength: 60 }),
          totalRequests: fc.integer({ min: 1, max: PLAN_LIMITS.totalRequests }),
          durationMs: fc.integer({ min: 1, max: PLAN_LIMITS.durationMs }),
          concurrency: fc.integer({ min: 1, max: PLAN_LIMITS.concurrency }),
          pipelining: fc.integer({ min: 1, max: PLAN_LIMITS.pipelining }),
          ratePerSecond: fc.integer({ min: 1, max: 100_000 }),
          stages: fc.array(
            fc.record({ durationMs: fc.oneof(fc.constantFrom(0, 1000, 60_000, 1500), fc.integer({ min: 0, max: 3_600_000 })), target: fc.integer({ min: 0, max: 10_000 }) }),
            { minLength: 1, maxLength: 4 }
          ),
          protocol: fc.constantFrom(...PROTOCOLS),
          timeoutMs: fc.integer({ min: 1, max: PLAN_LIMITS.timeoutMs }),
          workers: fc.integer({ min: 1, max: PLAN_LIMITS.workers }),
          insecure: fc.boolean()
        },
        { requiredKeys: ['url', 'concurrency'] }
      ),
      thresholds: fc.subarray(THRESHOLDS)
    },
    { requiredKeys: ['name', 'plan', 'thresholds'] }
  )
  .map((candidate) => checkTestDefinition(candidate))
  .filter((check) => check.ok)
  .map((check) => (check as { ok: true; test: TestDefinition }).test)

describe('testFileText', () => {
  it.each(['yaml', 'json'] as const)('writes a %s file that reads back as the same test, for every valid test', (format) => {
    fc.assert(
      fc.property(validTest, (test) => {
        expect(parseTestFile(testFileText(test, format), `test.${format}`)).toEqual({ ok: true, test })
      }),
      { numRuns: 300 }
    )
  })

  it.each(['123', 'true', 'null', '~', '- x', '# not a comment', 'a: b', '  padded  ', 'line\nbreak\n', '"quoted"', "it's", '0x1F', '1e3', '.inf', '}}', '{{name}}'])(
    'keeps the text %j as text, in the name, a header value and the body, in both formats',
    (text) => {
      const minimal = testOf(MINIMAL)
      // A name is kept trimmed, and a header value holds no line break: the test's own rules.
      const headers: Array<[string, string]> = [['X-Text', text.replace(/\n/g, ' ')]]
      const test = { ...minimal, name: text.trim(), plan: { ...minimal.plan, method: 'POST', headers, body: text } }
      for (const format of ['yaml', 'json'] as const) {
        expect(parseTestFile(testFileText(test, format), `t.${format}`)).toEqual({ ok: true, test })
      }
    }
  )

  it('leaves the defaults out, so a file says only what was chosen', () => {
    expect(testFileText(testOf(MINIMAL), 'yaml')).toBe(
      '# A Stampede test: run it with `stampede run FILE`, or import it in the app.\n\n' +
        'stampede: 2\nname: Health\nsteps:\n  - url: http://127.0.0.1:8080/health\nload:\n  requests: 100\n'
    )
  })

  it('writes the example file back as it is, but for its comments', () => {
    const example = readFileSync(new URL('../../examples/checkout.stampede.yaml', import.meta.url), 'utf8')
    const withoutComments = (text: string): string =>
      text
        .split('\n')
        .map((line) => line.replace(/\s+#.*$|^#.*$/, ''))
        .filter((line) => line !== '')
        .join('\n')
    expect(withoutComments(testFileText(testOf(example), 'yaml'))).toBe(withoutComments(example))
  })

  it('writes a repeated header name as a list, and unique names as a mapping', () => {
    const test = testOf(MINIMAL)
    const repeated = testFileText({ ...test, plan: { ...test.plan, headers: [['Cookie', 'a'], ['X', 'y'], ['Cookie', 'b']] } }, 'yaml')
    expect(repeated).toContain('    headers:\n      - Cookie: a\n      - X: y\n      - Cookie: b\n')
    const unique = testFileText({ ...test, plan: { ...test.plan, headers: [['Cookie', 'a'], ['X', 'y']] } }, 'json')
    expect(JSON.parse(unique).steps[0].headers).toEqual({ Cookie: 'a', X: 'y' })
  })
})
