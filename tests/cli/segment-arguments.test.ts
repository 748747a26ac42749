import { describe, expect, it } from 'vitest'
import { parseCommandLine, type ArgumentEnvironment, type Command } from '../../src/cli/arguments'

const NOW = Date.parse('2026-12-08T02:00:00Z')

function parse(argv: string[], env: Record<string, string> = {}): Command {
  const environment: ArgumentEnvironment = {
    readBody: () => '',
    defaultWorkers: () => 1,
    outputProblem: () => undefined,
    readTestFile: () => '',
    env: (name) => env[name],
    nowMs: () => NOW
  }
  return parseCommandLine(argv, environment)
}

function distributedOf(command: Command) {
  if (command.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(command)}`)
  return command.distributed
}

const URL = 'http://127.0.0.1:8080/'

describe('--segment, --segments, --start-at and --barrier', () => {
  it('leaves a run without them as it was', () => {
    expect(distributedOf(parse(['-n', '100', URL]))).toBeUndefined()
  })

  it('--segment K/N runs the K-th share, K counted from 1', () => {
    const run = distributedOf(parse(['-n', '100', '-c', '10', '--segment', '3/4', URL]))
    expect(run?.segment).toMatchObject({ index: 3, count: 4, share: { totalRequests: 25, concurrency: 2 } })
  })

  it('--segments N takes K from JOB_COMPLETION_INDEX, 0-based as Kubernetes sets it', () => {
    const run = distributedOf(parse(['-n', '100', '-c', '10', '--segments', '4', URL], { JOB_COMPLETION_INDEX: '0' }))
    expect(run?.segment).toMatchObject({ index: 1, count: 4, share: { totalRequests: 25, concurrency: 3 } })
  })

  it('takes --start-at as ISO 8601 or epoch milliseconds', () => {
    expect(distributedOf(parse(['-n', '5', '--start-at', '2026-12-08T02:00:10Z', URL]))?.startAtMs).toBe(NOW + 10_000)
    expect(distributedOf(parse(['-n', '5', '--start-at', String(NOW + 5000), URL]))?.startAtMs).toBe(NOW + 5000)
  })

  it('reads --barrier HOST:PORT with its timeout', () => {
    const run = distributedOf(parse(['-n', '100', '--segment', '1/2', '--barrier', 'load-0.load:7070', '--barrier-timeout', '30s', URL]))
    expect(run?.barrier).toEqual({ host: 'load-0.load', port: 7070, timeoutMs: 30_000 })
  })

  it.each([
    [['--segment', '0/4'], {}, /--segment: give K\/N with K from 1 to N/],
    [['--segment', '5/4'], {}, /--segment: give K\/N/],
    [['--segment', 'half'], {}, /--segment: give K\/N/],
    [['--segment', '1/200'], {}, /cannot be split into 200 segments/],
    [['--segment', '1/2', '--segments', '2'], {}, /choose one/],
    [['--segments', '4'], {}, /JOB_COMPLETION_INDEX .*which is not set/],
    [['--segments', '4'], { JOB_COMPLETION_INDEX: '4' }, /JOB_COMPLETION_INDEX is "4": expected 0 to 3/],
    [['--start-at', 'tomorrow'], {}, /--start-at: "tomorrow" is not a time/],
    [['--start-at', '2026-12-08T01:59:59Z'], {}, /--start-at: 2026-12-08T01:59:59.000Z is already past/],
    [['--barrier', 'x:7070'], {}, /--barrier starts the segments of one test together/],
    [['--segment', '1/2', '--barrier', 'nowhere'], {}, /--barrier: give HOST:PORT/],
    [['--segment', '1/2', '--barrier', 'x:7070', '--start-at', String(NOW + 1000)], {}, /choose one/],
    [['--barrier-timeout', '5s'], {}, /give --barrier HOST:PORT too/]
  ])('%j is refused where it was typed', (flags, env, message) => {
    const command = parse(['-n', '100', '-c', '10', ...flags, URL], env)
    expect(command.kind).toBe('usage-error')
    if (command.kind === 'usage-error') expect(command.message).toMatch(message)
  })
})
