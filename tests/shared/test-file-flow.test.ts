import { describe, expect, it } from 'vitest'
import type { TestDefinition } from '../../src/shared/saved-test'
import { parseTestFile, testFileText, type DataFileRead } from '../../src/shared/test-file'

/** Version 2 of the test file: a flow of steps read into a plan, and every bad word refused where it was written. */

const USERS: DataFileRead = { ok: true, path: '/data/users.csv', columns: ['username', 'password'], rows: 3 }
const readData = (file: string): DataFileRead => (file === 'users.csv' ? USERS : { ok: false, message: `cannot read the data file ${file}: there is no such file.` })

const FLOW = `stampede: 2
name: Browse and buy
variables:
  host: http://127.0.0.1:8080
data:
  file: users.csv
  order: unique
steps:
  - name: log in
    method: POST
    url: "{{host}}/login"
    headers: { Content-Type: application/json }
    body: '{"user": "{{username}}", "password": "{{password}}"}'
    capture:
      token: json $.token
      session: header x-session
    check: [status == 200, json $.ok == true]
    think: 500ms
  - name: item
    url: "{{host}}/items/{{$randomInt 1 500}}"
    headers: { Authorization: "Bearer {{token}}" }
    check: [body contains "price", latency < 300ms]
    thresholds: [p99<250ms]
    bodyLimit: 64kB
  - name: checkout form
    url: "{{host}}/checkout"
    capture:
      csrf: regex 'name="csrf" value="([^"]+)"'
    think: 1s-3s
  - method: POST
    url: "{{host}}/checkout"
    body: "csrf={{csrf}}&qty=1"
load:
  connections: 20
  iterations: 10000
thresholds: [p99<400ms, error_rate<1%]
`

function read(text: string, fileName = 'flow.yaml'): TestDefinition {
  const result = parseTestFile(text, fileName, { readData })
  if (!result.ok) throw new Error(result.message)
  return result.test
}

function refusal(text: string): string {
  const result = parseTestFile(text, 'flow.yaml', { readData })
  if (result.ok) throw new Error('read a file that should be refused')
  return result.message
}

describe('a version 2 test file', () => {
  it('reads a flow into the plan: steps, captures, checks, think times, the data file and iterations', () => {
    const { plan, name, thresholds } = read(FLOW)
    expect(name).toBe('Browse and buy')
    expect(thresholds).toEqual(['p99<400ms', 'error_rate<1%'])
    expect(plan.url).toBe('http://127.0.0.1:8080/login')
    expect(plan.iterations).toBe(10_000)
    expect(plan.totalRequests).toBeUndefined()
    expect(plan.concurrency).toBe(20)
    expect(plan.flow?.variables).toEqual([['host', 'http://127.0.0.1:8080']])
    expect(plan.flow?.data).toEqual({ file: '/data/users.csv', order: 'unique', columns: ['username', 'password'], rows: 3 })
    const [login, item, form, submit] = plan.flow?.steps ?? []
    expect(login).toMatchObject({
      name: 'log in',
      method: 'POST',
      captures: [
        { variable: 'token', source: 'json', expression: '$.token' },
        { variable: 'session', source: 'header', expression: 'x-session' }
      ],
      checks: ['status == 200', 'json $.ok == true'],
      think: { minMs: 500, maxMs: 500 }
    })
    expect(item).toMatchObject({ thresholds: ['p99<250ms'], bodyLimitBytes: 64 * 1024 })
    expect(form.captures).toEqual([{ variable: 'csrf', source: 'regex', expression: 'name="csrf" value="([^"]+)"' }])
    expect(form.think).toEqual({ minMs: 1000, maxMs: 3000 })
    expect(submit).toMatchObject({ method: 'POST', body: 'csrf={{csrf}}&qty=1' })
    expect(submit.name).toBeUndefined()
  })

  it('reads one step with nothing to fill in, capture or check as one request, with no flow: the plain path', () => {
    const { plan } = read('stampede: 2\nname: Health\nsteps:\n  - url: http://127.0.0.1:8080/health\nload:\n  requests: 100\n')
    expect(plan.flow).toBeUndefined()
    expect(plan).toMatchObject({ url: 'http://127.0.0.1:8080/health', method: 'GET', totalRequests: 100 })
  })

  it('counts the requests of one step with a check as its iterations', () => {
    const { plan } = read('stampede: 2\nname: Health\nsteps:\n  - url: http://127.0.0.1:8080/health\n    check: [status == 200]\nload:\n  requests: 100\n')
    expect(plan.flow?.steps).toHaveLength(1)
    expect(plan.iterations).toBe(100)
    expect(plan.totalRequests).toBeUndefined()
  })

  it('writes a flow back as version 2 that reads back as the same test, in both formats', () => {
    const test = read(FLOW)
    for (const format of ['yaml', 'json'] as const) {
      const text = testFileText(test, format)
      expect(text).toContain(format === 'yaml' ? 'stampede: 2' : '"stampede": 2')
      const readBack = parseTestFile(text, `flow.${format}`, { readData: (file) => (file === '/data/users.csv' ? USERS : readData(file)) })
      expect(readBack).toEqual({ ok: true, test })
    }
  })
})

describe('a bad version 2 file is refused, naming the file, line, step and key', () => {
  const twoSteps = (first: string, second = '    url: http://127.0.0.1:8080/b\n'): string =>
    `stampede: 2\nname: T\nsteps:\n  - name: first\n    url: http://127.0.0.1:8080/a\n${first}  - name: second\n${second}load:\n  iterations: 5\n`

  it.each([
    ['an unknown key in a step', twoSteps('    chek: [status == 200]\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].chek): Unknown key: a step holds name, method, url, headers, body, capture, check, think, thresholds, bodyLimit and disabled.'],
    ['a capture that does not parse', twoSteps('    capture: { token: xpath //a }\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].capture.token): "xpath //a" is not a capture: write json $.path, header NAME, regex \'PATTERN\' or cookie NAME.'],
    ['a JSONPath that does not parse', twoSteps('    capture: { token: "json $.[" }\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].capture.token): "$.[" is not a JSONPath query'],
    ['a regex that does not parse', twoSteps("    capture: { token: regex '(' }\n"), "flow.yaml, line 6, step 1 \"first\" (steps[0].capture.token): '(' is not a regular expression"],
    ['a check that does not parse', twoSteps('    check: [status is fine]\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].check[0]): "status is fine" is not a check'],
    ['an undefined variable', twoSteps('', '    url: "http://127.0.0.1:8080/b?t={{tokn}}"\n'), 'flow.yaml, line 7, step 2 "second" (steps[1].url): {{tokn}} is not defined: no variable, data column, built-in or earlier step\'s capture gives it.'],
    ['a variable captured only later', twoSteps('    headers: { X-T: "{{token}}" }\n', '    url: http://127.0.0.1:8080/b\n    capture: { token: header x-token }\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].headers.X-T): {{token}} is not defined: no variable, data column, built-in or earlier step\'s capture gives it (step 2 captures it, but not before this step).'],
    ['an unknown built-in', twoSteps('', '    url: "http://127.0.0.1:8080/b/{{$random}}"\n'), 'flow.yaml, line 7, step 2 "second" (steps[1].url): {{$random}} is not a built-in variable'],
    ['a bad think time', twoSteps('    think: soon\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].think): Write a pause such as 500ms, or a range such as 1s-3s.'],
    ['a bad step threshold', twoSteps('    thresholds: [p99 fast]\n'), 'flow.yaml, line 6, step 1 "first" (steps[0].thresholds[0]):'],
    ['pipelining with several steps', twoSteps('').replace('  iterations: 5\n', '  iterations: 5\n  pipelining: 4\n'), 'flow.yaml, line 10 (load.pipelining): A flow of several steps sends each step after the last one answered: pipelining must be 1.'],
    ['requests in a flow of several steps', twoSteps('').replace('  iterations: 5\n', '  requests: 5\n'), 'flow.yaml, line 9 (load.requests): A flow counts iterations'],
    ['a missing data file', 'stampede: 2\nname: T\ndata: { file: nobody.csv }\nsteps:\n  - url: "http://127.0.0.1:8080/{{user}}"\nload: { iterations: 1 }\n', 'flow.yaml, line 3 (data.file): cannot read the data file nobody.csv: there is no such file.'],
    ['a data column that is not there', 'stampede: 2\nname: T\ndata: { file: users.csv }\nsteps:\n  - url: "http://127.0.0.1:8080/{{user}}"\nload: { iterations: 1 }\n', 'flow.yaml, line 5, step 1 (steps[0].url): {{user}} is not defined']
  ])('%s', (_, text, message) => {
    expect(refusal(text)).toContain(message)
  })

  it('names every problem, one a line, in the order of the file', () => {
    const message = refusal(twoSteps('    check: [status is fine]\n', '    url: "http://127.0.0.1:8080/{{nope}}"\n'))
    expect(message.split('\n')).toHaveLength(2)
    expect(message.split('\n')[0]).toContain('steps[0].check[0]')
    expect(message.split('\n')[1]).toContain('{{nope}}')
  })

  it('refuses a data file where no reader can open it', () => {
    const text = 'stampede: 2\nname: T\ndata: { file: users.csv }\nsteps:\n  - url: "http://127.0.0.1:8080/{{username}}"\nload: { iterations: 1 }\n'
    const result = parseTestFile(text, 'flow.yaml')
    expect(result).toEqual({ ok: false, message: expect.stringContaining('flow.yaml, line 3 (data.file): a test with a data file is read where the file can be opened') })
  })
})

describe('the flow example in examples/', () => {
  const url = new URL('../../examples/browse-and-buy.stampede.yaml', import.meta.url)

  it('reads, with its data file beside it', async () => {
    const { readFileSync } = await import('node:fs')
    const { fileURLToPath } = await import('node:url')
    const { dataFileReader } = await import('../../src/control/data-file')
    const path = fileURLToPath(url)
    const result = parseTestFile(readFileSync(path, 'utf8'), 'browse-and-buy.stampede.yaml', { readData: dataFileReader(path) })
    if (!result.ok) throw new Error(result.message)
    expect(result.test.plan.flow?.steps.map((step) => step.name)).toEqual(['log in', 'item', 'checkout form', 'submit'])
    expect(result.test.plan.flow?.data).toMatchObject({ order: 'sequential', columns: ['username', 'password'], rows: 3 })
    expect(result.test.plan.iterations).toBe(10_000)
  })

  it("is shown in README's Flows section as it is in examples/", async () => {
    const { readFileSync } = await import('node:fs')
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(`\`\`\`yaml\n${readFileSync(url, 'utf8')}\`\`\``)
  })
})
