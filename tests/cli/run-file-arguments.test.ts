import { describe, expect, it } from 'vitest'
import { parseCommandLine, type Command, type RunCommand } from '../../src/cli/arguments'
import { parseThreshold } from '../../src/shared/thresholds'

/** `stampede run FILE [flags]` alone: the file's test, each flag given replacing its one field. */

const CHECKOUT = `stampede: 1
name: Checkout
request:
  method: POST
  url: http://127.0.0.1:8080/checkout
  headers:
    Content-Type: application/json
    Authorization: Bearer file-token
  body: '{"sku": 42}'
  timeout: 5s
load:
  connections: 4
  requests: 200
  duration: 30s
  workers: 2
thresholds:
  - p99<250ms
`

const FILES: Record<string, string> = {
  'checkout.yaml': CHECKOUT,
  'bad.yaml': CHECKOUT.replace('connections: 4', 'connections: -4'),
  'big.yaml': 'x'
}

const environment = {
  readBody: (): string => 'from-file-body',
  defaultWorkers: () => 3,
  outputProblem: (): undefined => undefined,
  readTestFile: (path: string): string => {
    if (path === 'big.yaml') throw new Error('big.yaml is 2.0 MB; the most that is read is 1.0 MB.')
    const text = FILES[path]
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    return text
  }
}
const parse = (...argv: string[]): Command => parseCommandLine(argv, environment)

function run(...argv: string[]): RunCommand {
  const command = parse(...argv)
  if (command.kind !== 'run') throw new Error(`Expected a run, got ${JSON.stringify(command)}`)
  return command
}

const thresholds = (...expressions: string[]) =>
  expressions.map((expression) => {
    const parsed = parseThreshold(expression)
    if (!parsed.ok) throw new Error(parsed.message)
    return parsed.threshold
  })

describe('stampede run FILE', () => {
  it('--url replaces the file\'s URL, and a bad one is named as --url; without a file --url is refused', () => {
    expect(run('run', 'checkout.yaml', '--url', 'https://staging.example/checkout').plan.url).toBe('https://staging.example/checkout')
    expect(parse('run', 'checkout.yaml', '--url', 'ftp://staging.example/')).toEqual({
      kind: 'usage-error',
      message: expect.stringMatching(/^--url: /)
    })
    expect(parse('--url', 'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/')).toEqual({
      kind: 'usage-error',
      message: "--url replaces a test file's URL (stampede run FILE --url URL); here give the URL as the argument."
    })
  })

  it("runs the file's test: its plan, its thresholds and its workers", () => {
    expect(run('run', 'checkout.yaml')).toEqual({
      kind: 'run',
      demo: false,
      json: false,
      workers: 2,
      thresholds: thresholds('p99<250ms'),
      outputs: {},
      plan: {
        url: 'http://127.0.0.1:8080/checkout',
        method: 'POST',
        headers: [
          ['Content-Type', 'application/json'],
          ['Authorization', 'Bearer file-token']
        ],
        body: '{"sku": 42}',
        totalRequests: 200,
        durationMs: 30_000,
        concurrency: 4,
        pipelining: 1,
        protocol: 'http1',
        timeoutMs: 5000,
        workers: 2,
        insecure: false
      }
    })
  })

  it('lets each flag given replace its field, and leaves the others as the file says', () => {
    const command = run('-n', '7', 'run', 'checkout.yaml', '-c', '1', '-m', 'put', '--timeout', '900', '-d', '2', '-p', '3', '-k', '--json')
    expect(command.plan).toMatchObject({
      url: 'http://127.0.0.1:8080/checkout',
      method: 'PUT',
      totalRequests: 7,
      durationMs: 2000,
      concurrency: 1,
      pipelining: 3,
      timeoutMs: 900,
      insecure: true,
      body: '{"sku": 42}'
    })
    expect(command.json).toBe(true)
    expect(run('run', 'checkout.yaml', '-b', '@body.txt').plan.body).toBe('from-file-body')
    expect(run('run', 'checkout.yaml', '-r', '50', '--stages', '1s:100').plan).toMatchObject({
      ratePerSecond: 50,
      stages: [{ durationMs: 1000, target: 100 }]
    })
    expect(run('run', 'checkout.yaml', '--h2c').plan.protocol).toBe('h2c')
  })

  it('lets -H replace the headers of its name (any case) and add the others', () => {
    expect(run('run', 'checkout.yaml', '-H', 'authorization: Bearer ci-secret', '-H', 'X-Build: 41').plan.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['authorization', 'Bearer ci-secret'],
      ['X-Build', '41']
    ])
  })

  it("replaces the file's thresholds with --threshold, and keeps them without", () => {
    expect(run('run', 'checkout.yaml', '--threshold', 'error_rate<1%', '--threshold', 'rps>10').thresholds).toEqual(
      thresholds('error_rate<1%', 'rps>10')
    )
  })

  it("lets -w replace the file's workers", () => {
    const command = run('run', 'checkout.yaml', '-w', '1')
    expect(command.workers).toBe(1)
    expect(command.plan.workers).toBe(1)
  })

  it.each([
    [['run'], 'Give the test file to run, such as stampede run checkout.stampede.yaml.'],
    [['run', 'a.yaml', 'b.yaml'], 'Give one test file, not 2: a.yaml b.yaml.'],
    [['run', 'checkout.yaml', '--demo'], 'run FILE tests the URL in the file: leave out --demo.'],
    [['run', 'missing.yaml'], 'run: cannot read missing.yaml: ENOENT.'],
    [['run', 'big.yaml'], 'run: cannot read big.yaml: big.yaml is 2.0 MB; the most that is read is 1.0 MB.'],
    [['run', 'bad.yaml'], 'bad.yaml, line 12 (load.connections): Concurrency must be at least 1.'],
    [['run', 'checkout.yaml', '-c', '0'], '-c: Concurrency must be at least 1.'],
    [['run', 'checkout.yaml', '--threshold', 'p99<soon'], '--threshold: p99<soon: give a time, such as 250ms, 0.25s or 800us.'],
    [['run', 'checkout.yaml', '-m', 'HEAD'], 'checkout.yaml (request.body): A HEAD request cannot have a body.'],
    [['run', 'checkout.yaml', '--http2'], '--http2: HTTP/2 over TLS needs an https:// URL; for HTTP/2 without TLS, choose h2c.']
  ])('refuses %j: %s', (argv, message) => {
    expect(parse(...argv)).toEqual({ kind: 'usage-error', message })
  })

  it('still reads a URL as before: run is a word only in first place', () => {
    expect(run('http://127.0.0.1:8080/run').plan.url).toBe('http://127.0.0.1:8080/run')
    expect(parse('http://127.0.0.1:8080/', 'run')).toEqual({ kind: 'usage-error', message: 'Give one URL, not 2: http://127.0.0.1:8080/ run.' })
  })
})

describe("a flow's thresholds", () => {
  const FLOW = `stampede: 2
name: Journey
steps:
  - name: log in
    method: POST
    url: http://127.0.0.1:8080/login
    check: [status == 200]
  - url: http://127.0.0.1:8080/items
    thresholds: [p99<250ms, checks>99%]
  - name: old
    url: http://127.0.0.1:8080/old
    disabled: true
load:
  iterations: 10
thresholds: [checks>99%]
`
  const flowEnvironment = { ...environment, readTestFile: (path: string): string => (path === 'flow.yaml' ? FLOW : environment.readTestFile(path)) }
  const parseFlow = (...argv: string[]): Command => parseCommandLine(['run', 'flow.yaml', ...argv], flowEnvironment)
  const expressions = (command: Command): string[] => {
    if (command.kind !== 'run') throw new Error(JSON.stringify(command))
    return command.thresholds.map((threshold) => threshold.expression)
  }

  it("judges the file's thresholds and each step's own, named with its step", () => {
    expect(expressions(parseFlow())).toEqual(['checks>99%', 'GET http://127.0.0.1:8080/items: p99<250ms', 'GET http://127.0.0.1:8080/items: checks>99%'])
  })

  it('takes --threshold STEP: EXPR for a step the flow sends, in place of all of the file\'s', () => {
    expect(expressions(parseFlow('--threshold', 'log in: p99<1s'))).toEqual(['log in: p99<1s'])
  })

  it('refuses a step it does not have, or does not send, naming the steps it has', () => {
    const refusal = (name: string): Command => parseFlow('--threshold', `${name}: p99<1s`)
    expect(refusal('login')).toEqual({
      kind: 'usage-error',
      message: '--threshold: "login: p99<1s": this test has no step named "login" (its steps: "log in", "GET http://127.0.0.1:8080/items").'
    })
    expect(refusal('old')).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('no step named "old"') })
  })
})
