import { describe, expect, it } from 'vitest'
import { parseCommandLine, type Command, type RunCommand } from '../../src/cli/arguments'

/** parseCommandLine alone: argv to a checked plan, with the file system and core count stubbed. */
const environment = {
  readBody: (path: string): string => {
    if (path === 'body.json') return '{"a":1}'
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
  },
  defaultWorkers: () => 3,
  outputProblem: (path: string): string | undefined => (path.startsWith('/missing/') ? 'the folder /missing does not exist.' : undefined)
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
        insecure: false
      }
    })
  })

  it('maps every option onto the plan', () => {
    const command = run(
      ...['-n', '100', '-d', '0.5', '-c', '7', '-r', '300', '-p', '2', '-m', 'put', '-H', 'A: 1', '-H', 'b:2'],
      ...['-b', 'x', '--timeout', '250', '-k', '-w', '2', '--json', URL]
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

  it('-h and --version win over bad values (an unknown flag is still refused)', () => {
    expect(parse('--frobnicate')).toMatchObject({ kind: 'usage-error' })
    expect(parse('-h', '-c', '0')).toEqual({ kind: 'help' })
    expect(parse('--version', 'a', 'b')).toEqual({ kind: 'version' })
  })
})
