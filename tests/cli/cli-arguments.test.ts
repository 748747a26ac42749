import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, stopAllClis } from '../support/cli-process'
import { respondOk, TargetServers, type TargetServer } from '../support/target-server'

/**
 * Bad arguments end with exit status 2, a message naming the problem and nothing sent: every case
 * points at a live counting server, which must receive nothing.
 */
const targets = new TargetServers()
let server: TargetServer

beforeAll(async () => {
  server = await targets.start(respondOk)
})

afterAll(async () => {
  await stopAllClis()
  await targets.closeAll()
})

const url = (): string => server.url

const BAD_ARGUMENTS: Array<{ name: string; args: () => string[]; message: RegExp }> = [
  { name: 'no URL', args: () => ['-n', '5'], message: /Give the URL to test/ },
  { name: 'two URLs', args: () => [url(), url(), '-n', '5'], message: /Give one URL, not 2/ },
  { name: '-c 0', args: () => [url(), '-c', '0'], message: /^-c: Concurrency must be at least 1\.$/m },
  { name: '-n ten', args: () => [url(), '-n', 'ten'], message: /^-n: Number of requests must be a whole number\.$/m },
  { name: '-n 1.5', args: () => [url(), '-n', '1.5'], message: /^-n: Number of requests must be a whole number\.$/m },
  { name: '--rate -5', args: () => [url(), '--rate', '-5'], message: /'--rate'/ },
  { name: '--rate=-5', args: () => [url(), '--rate=-5'], message: /^-r: Rate must be at least 1\.$/m },
  { name: '-d soon', args: () => [url(), '-d', 'soon'], message: /^-d: The duration must be a number\.$/m },
  { name: '-w 0', args: () => [url(), '-n', '5', '-w', '0'], message: /^-w: Workers must be at least 1\.$/m },
  { name: 'an unknown flag', args: () => [url(), '--frobnicate'], message: /Unknown option '--frobnicate'/ },
  { name: 'a flag without its value', args: () => [url(), '-n'], message: /--requests <value>' argument missing/ },
  { name: 'a header without a colon', args: () => [url(), '-H', 'nocolon'], message: /^-H: "nocolon" has no colon/m },
  { name: 'a Connection header', args: () => [url(), '-H', 'Connection: close'], message: /^-H: .*Connection header/m },
  { name: 'an ftp:// URL', args: () => ['ftp://127.0.0.1/file', '-n', '5'], message: /^<url>: Only http:\/\/ and https:\/\//m },
  { name: 'an unreadable body file', args: () => [url(), '-b', '@/nonexistent/body.txt'], message: /^-b: cannot read \/nonexistent\/body\.txt: ENOENT\.$/m },
  { name: '--demo with a URL', args: () => ['--demo', url()], message: /--demo tests the built-in target: leave out the URL/ },
  { name: '--stages without a unit', args: () => [url(), '--stages', '30:200'], message: /^--stages: stage 1 is "30:200"; write each stage as DURATION:TARGET/m },
  { name: '--stages with a bad target', args: () => [url(), '--stages', '1s:5,2s:lots'], message: /^--stages: Stage 2: the target must be a whole number\.$/m },
  { name: '--stages that last no time', args: () => [url(), '--stages', '0ms:5'], message: /^--stages: The stages last 0 ms/m },
  { name: '--http2 on an http:// URL', args: () => [url(), '--http2', '-n', '5'], message: /^--http2: HTTP\/2 over TLS needs an https:\/\/ URL/m },
  { name: '--http2 and --h2c', args: () => [url(), '--http2', '--h2c'], message: /^--http2 and --h2c: choose one/m },
  { name: 'a TE header with --h2c', args: () => [url(), '--h2c', '-H', 'TE: gzip'], message: /^-H: HTTP\/2 allows TE only as "TE: trailers"/m },
  { name: 'a threshold on an unknown metric', args: () => [url(), '--threshold', 'p95<250ms'], message: /^--threshold: "p95" is not a metric/m },
  { name: 'a threshold without a unit it knows', args: () => [url(), '--threshold', 'error_rate<1'], message: /^--threshold: error_rate<1: give a percentage/m },
  { name: 'a report of an unknown kind', args: () => [url(), '--report', 'out.pdf'], message: /^--report: name a file ending in \.html/m },
  { name: 'a report in a folder that does not exist', args: () => [url(), '--report', '/nonexistent/r.html'], message: /^--report: cannot write \/nonexistent\/r\.html: the folder \/nonexistent does not exist\.$/m },
  { name: 'a CSV in a folder that does not exist', args: () => [url(), '--csv', '/nonexistent/s.csv'], message: /^--csv: cannot write/m },
  { name: 'a JUnit file in a folder that does not exist', args: () => [url(), '--junit', '/nonexistent/j.xml'], message: /^--junit: cannot write \/nonexistent\/j\.xml: the folder \/nonexistent does not exist\.$/m },
  { name: 'a threshold of a step, for a URL that has none', args: () => [url(), '--threshold', 'log in: p99<1s'], message: /^--threshold: "log in: p99<1s" names the step "log in", but this test is one request with no steps\.$/m },
  { name: 'a step threshold with a bad condition', args: () => [url(), '--threshold', 'log in: p95<1s'], message: /^--threshold: step "log in": "p95" is not a metric/m }
]

describe('bad arguments', () => {
  it.each(BAD_ARGUMENTS)('$name: exit 2, says why, sends nothing', async ({ args, message }) => {
    const exit = await runCli(args())

    expect(exit.code).toBe(2)
    expect(exit.stderr).toMatch(message)
    expect(exit.stderr.trimEnd().split('\n').at(-1)).toBe('Run stampede --help for usage.')
    expect(exit.stdout).toBe('')
    expect(server.received).toBe(0)
  })

  it('names every bad flag, each on its own line', async () => {
    const exit = await runCli([url(), '-c', '0', '-p', '0', '--timeout', '1.5'])

    expect(exit.code).toBe(2)
    expect(exit.stderr).toBe(
      [
        '-c: Concurrency must be at least 1.',
        '-p: Pipelining must be at least 1.',
        '--timeout: Timeout must be a whole number.',
        'Run stampede --help for usage.',
        ''
      ].join('\n')
    )
    expect(server.received).toBe(0)
  })
})

describe('--help and --version', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const exit = await runCli(['--help'])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toMatch(/^Usage: stampede \[options\] <url>$/m)
    for (const flag of ['--requests', '--duration', '--connections', '--rate', '--stages', '--pipelining', '--method', '--header', '--body', '--timeout', '--http2', '--h2c', '--insecure', '--workers', '--json', '--junit', '--demo']) {
      expect(exit.stdout).toContain(flag)
    }
    expect(exit.stdout).toContain('it runs for 10 seconds')
    expect(exit.stderr).toBe('')
  })

  it('-h is --help, whatever else is given', async () => {
    const exit = await runCli(['-h', '-c', '0'])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toMatch(/^Usage: stampede/)
  })

  it("--version prints package.json's version", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    const exit = await runCli(['--version'])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toBe(`${version}\n`)
  })
})
