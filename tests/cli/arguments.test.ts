import { describe, expect, it } from 'vitest'
import { parseCommandLine, type Command, type RunCommand } from '../../src/cli/arguments'

/** parseCommandLine alone: argv to a checked plan, with the file system and core count stubbed. */
const environment = {
  readBody: (path: string): string => {
    if (path === 'body.json') return '{"a":1}'
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
  },
  defaultWorkers: () => 3,
  outputProblem: (path: string): string | undefined => (path.startsWith('/missing/') ? 'the folder /missing does not exist.' : undefined),
  readTestFile: (path: string): string => {
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
  }
}
const parse = (...argv: string[]): Command => parseCommandLine(argv, environment)

function run(...argv: string[]): RunCommand {
  const command = parse(...argv)
  if (command.kind !== 'run') throw new Error(`Expected a run, got ${JSON.stringify(command)}`)
  return command
}

const URL = 'http://127.0.0.1:8080/'

describe('parseCommandLine', () => {
  it('runs 10 seconds with the plan defaults when neither -n nor -d is given', () => {
    expect(run(URL)).toEqual({
      kind: 'run',
      demo: false,
      json: false,
      workers: 3,
      thresholds: [],
      outputs: {},
      plan: {
        url: URL,
        method: 'GET',
        headers: [],
        concurrency: 50,
        pipelining: 1,
        timeoutMs: 10_000,
        durationMs: 10_000,
        protocol: 'http1',
        insecure: false
      }
    })
  })

  it('maps every option onto the plan', () => {
    const command = run(
      ...['-n', '100', '-d', '0.5', '-c', '7', '-r', '300', '-p', '2', '-m', 'put', '-H', 'A: 1', '-H', 'b:2'],
      ...['-b', 'x', '--timeout', '250', '-k', '-w', '2', '--json', '--h2c', '--stages', '1s:400,500ms:0', URL]
    )
    expect(command).toMatchObject({ workers: 2, json: true, demo: false })
    expect(command.plan).toEqual({
      url: URL,
      method: 'PUT',
      headers: [
        ['A', '1'],
        ['b', '2']
      ],
      body: 'x',
      totalRequests: 100,
      durationMs: 500,
      concurrency: 7,
      ratePerSecond: 300,
      pipelining: 2,
      timeoutMs: 250,
      stages: [
        { durationMs: 1000, target: 400 },
        { durationMs: 500, target: 0 }
      ],
      protocol: 'h2c',
      insecure: true
    })
  })

  it('counts -n alone, without the default duration', () => {
    expect(run(URL, '-n', '5').plan).not.toHaveProperty('durationMs')
    expect(run(URL, '-d', '2').plan).not.toHaveProperty('totalRequests')
  })

  it('accepts any certificate only with -k or --insecure', () => {
    expect(run(URL).plan.insecure).toBe(false)
    expect(run(URL, '-k').plan.insecure).toBe(true)
    expect(run(URL, '--insecure').plan.insecure).toBe(true)
  })

  it('reads -b @file as the body', () => {
    expect(run(URL, '-b', '@body.json').plan.body).toBe('{"a":1}')
    expect(parse(URL, '-b', '@missing')).toEqual({ kind: 'usage-error', message: '-b: cannot read missing: ENOENT.' })
  })

  it('keeps a colon inside a header value', () => {
    expect(run(URL, '-H', 'Referer: http://x/').plan.headers).toEqual([['Referer', 'http://x/']])
  })

  it('--demo runs 3 seconds against a stand-in URL unless told otherwise', () => {
    expect(run('--demo')).toMatchObject({ demo: true, plan: { durationMs: 3000, concurrency: 50 } })
    expect(run('--demo', '-n', '10').plan).not.toHaveProperty('durationMs')
  })

  it('rounds seconds to whole milliseconds and refuses what rounds to nothing', () => {
    expect(run(URL, '-d', '.25').plan.durationMs).toBe(250)
    expect(run(URL, '-d', '1.0004').plan.durationMs).toBe(1000)
    expect(parse(URL, '-d', '0.0001')).toEqual({ kind: 'usage-error', message: '-d: The duration must be at least 1 ms.' })
    expect(parse(URL, '-d', '1e3')).toEqual({ kind: 'usage-error', message: '-d: The duration must be a number.' })
  })

  it('reads only digits as whole numbers', () => {
    for (const text of ['1.5', '1e3', 'ten', '', '0x10']) {
      expect(parse(URL, '-c', text)).toEqual({ kind: 'usage-error', message: '-c: Concurrency must be a whole number.' })
    }
    expect(run(URL, '-n', '1_000').plan.totalRequests).toBe(1000)
  })

  it('reads --stages as DURATION:TARGET in ms, s or m, decimals rounded to whole milliseconds', () => {
    expect(run(URL, '--stages', '30s:200,1m:200,10s:0').plan.stages).toEqual([
      { durationMs: 30_000, target: 200 },
      { durationMs: 60_000, target: 200 },
      { durationMs: 10_000, target: 0 }
    ])
    expect(run(URL, '--stages', ' 250ms:5 , 1.5s:7 , 0.25m:1_000, 0s:3').plan.stages).toEqual([
      { durationMs: 250, target: 5 },
      { durationMs: 1500, target: 7 },
      { durationMs: 15_000, target: 1000 },
      { durationMs: 0, target: 3 }
    ])
  })

  it('runs --stages to their end: no default duration, and -c or -r is where the shape starts', () => {
    const closed = run(URL, '--stages', '2s:10', '-c', '0').plan
    expect(closed).toMatchObject({ concurrency: 0, stages: [{ durationMs: 2000, target: 10 }] })
    expect(closed).not.toHaveProperty('durationMs')
    expect(closed).not.toHaveProperty('ratePerSecond')
    expect(run(URL, '--stages', '2s:10', '-r', '0').plan).toMatchObject({ ratePerSecond: 0, concurrency: 50 })
    // -n or -d still end it first.
    expect(run(URL, '--stages', '2s:10', '-d', '1').plan.durationMs).toBe(1000)
  })

  it.each([
    ['30x:200', '--stages: stage 1 is "30x:200"; write each stage as DURATION:TARGET, such as 30s:200 (durations in ms, s or m).'],
    ['30s:200,,5s:0', '--stages: stage 2 is empty; write each stage as DURATION:TARGET, such as 30s:200 (durations in ms, s or m).'],
    ['30s', '--stages: stage 1 is "30s"; write each stage as DURATION:TARGET, such as 30s:200 (durations in ms, s or m).'],
    ['-5s:1', '--stages: stage 1 is "-5s:1"; write each stage as DURATION:TARGET, such as 30s:200 (durations in ms, s or m).'],
    ['30s:200,10s:ten', '--stages: Stage 2: the target must be a whole number.'],
    ['30s:-5', '--stages: Stage 1: the target cannot be negative.'],
    ['0s:5', '--stages: The stages last 0 ms: give at least one a duration.'],
    ['1s:20000', '--stages: Stage 1: the target can be at most 10,000 connections.']
  ])('refuses --stages %j, naming the flag and the stage', (stages, message) => {
    expect(parse(URL, `--stages=${stages}`)).toEqual({ kind: 'usage-error', message })
  })

  it('maps --http2, --h2c and -k onto the protocol and insecure TLS, and says which URL each needs', () => {
    expect(run('https://127.0.0.1:8443/', '--http2', '-k').plan).toMatchObject({ protocol: 'h2', insecure: true })
    expect(run('https://127.0.0.1:8443/', '--insecure').plan).toMatchObject({ protocol: 'http1', insecure: true })
    expect(parse(URL, '--http2')).toEqual({
      kind: 'usage-error',
      message: '--http2: HTTP/2 over TLS needs an https:// URL; for HTTP/2 without TLS, choose h2c.'
    })
    expect(parse('https://127.0.0.1/', '--h2c')).toEqual({
      kind: 'usage-error',
      message: '--h2c: h2c is HTTP/2 without TLS and needs an http:// URL; for https://, choose HTTP/2.'
    })
    expect(parse(URL, '--http2', '--h2c')).toEqual({
      kind: 'usage-error',
      message: '--http2 and --h2c: choose one (--http2 for https://, --h2c for http://).'
    })
    expect(parse(URL, '--h2c', '-H', 'TE: gzip')).toEqual({
      kind: 'usage-error',
      message: '-H: HTTP/2 allows TE only as "TE: trailers"; remove the header or use HTTP/1.1.'
    })
  })

  it('-h and --version win over bad values (an unknown flag is still refused)', () => {
    expect(parse('--frobnicate')).toMatchObject({ kind: 'usage-error' })
    expect(parse('-h', '-c', '0')).toEqual({ kind: 'help' })
    expect(parse('--version', 'a', 'b')).toEqual({ kind: 'version' })
  })
})

describe('--junit and step thresholds', () => {
  it('takes --junit FILE as a file to write, checked before the run', () => {
    expect(run(URL, '--junit', 'results.xml').outputs).toEqual({ junit: 'results.xml' })
    expect(parse(URL, '--junit', '/missing/results.xml')).toEqual({
      kind: 'usage-error',
      message: '--junit: cannot write /missing/results.xml: the folder /missing does not exist.'
    })
  })

  it('takes checks>99% on any run, and refuses a step threshold where the test has no steps', () => {
    expect(run(URL, '--threshold', 'checks>99%').thresholds.map((threshold) => threshold.metric)).toEqual(['checks'])
    expect(parse(URL, '--threshold', 'p99<1s', '--threshold', 'log in: p99<1s')).toEqual({
      kind: 'usage-error',
      message: '--threshold: "log in: p99<1s" names the step "log in", but this test is one request with no steps.'
    })
  })
})
