import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunReport as JsonReport } from '../../src/shared/report/run-report'
import { childProcessesOf, CliProcess, parseJsonOutput, runCli, stopAllClis } from '../support/cli-process'
import { isAlive } from '../support/child-processes'
import { SELF_SIGNED } from '../support/self-signed'
import {
  boundLatencies,
  closedPortUrl,
  neverRespond,
  respondAfter,
  respondOk,
  TargetServers,
  type Responder,
  type TargetServer
} from '../support/target-server'
import { Http2Targets } from '../support/http2-targets'

/** The built CLI against a local counting server; the server's counts are the truth. */
const targets = new TargetServers()
const target = (respond?: Responder): Promise<TargetServer> => targets.start(respond)

const http2Targets = new Http2Targets()

afterEach(async () => {
  await stopAllClis()
  await targets.closeAll()
  await http2Targets.closeAll()
})

async function runJson(args: string[]): Promise<{ report: JsonReport; stderr: string; code: number | null; wallMs: number }> {
  const exit = await runCli([...args, '--json'])
  return { report: parseJsonOutput<JsonReport>(exit), stderr: exit.stderr, code: exit.code, wallMs: exit.wallMs }
}

function expectOrderedLatency(latency: JsonReport['latencyMs']): void {
  expect(latency.min).toBeGreaterThan(0)
  expect(latency.min).toBeLessThanOrEqual(latency.p50)
  expect(latency.p50).toBeLessThanOrEqual(latency.p90)
  expect(latency.p90).toBeLessThanOrEqual(latency.p99)
  expect(latency.p99).toBeLessThanOrEqual(latency.p999)
  expect(latency.p999).toBeLessThanOrEqual(latency.max)
  expect(latency.mean).toBeGreaterThanOrEqual(latency.min)
  expect(latency.mean).toBeLessThanOrEqual(latency.max)
}

describe('stampede -n (count mode)', () => {
  it('sends exactly N requests and prints one JSON object that matches the server', async () => {
    const server = await target(respondOk)
    const { report, stderr, code } = await runJson([server.url, '-n', '2000', '-c', '20'])

    expect(code).toBe(0)
    expect(server.received).toBe(2000)
    expect(report.requests).toEqual({ sent: 2000, completed: 2000, failed: 0, aborted: 0 })
    expect(report.responses).toEqual({ ok: 2000, clientOrServerError: 0 })
    expect(report.errorRate).toBe(0)
    expect(report.statusCodes).toEqual({ '200': 2000 })
    expect(report.errors).toEqual({})
    expect(report.cancelled).toBe(false)
    expect(report.bytesRead).toBe(2000 * 'ok'.length)
    expectOrderedLatency(report.latencyMs)
    expect(server.peakSockets).toBeLessThanOrEqual(20)
    // stderr is a pipe here, not a terminal: no progress line, and nothing went wrong.
    expect(stderr).toBe('')
  })

  it('gives every JSON field, with its type, and nothing else', async () => {
    const server = await target(respondOk)
    const { report } = await runJson([server.url, '-n', '50', '-c', '5', '-m', 'get'])

    expect(Object.keys(report).sort()).toEqual(
      [
        'bytesRead',
        'cancelled',
        'durationMs',
        'errorRate',
        'errors',
        'outcome',
        'latencyMs',
        'method',
        'requests',
        'responses',
        'rps',
        'statusCodes',
        'url',
        // Added with the results issue: the fields above are all still there, unchanged.
        'clientOrServerErrorRate',
        'health',
        'settings',
        'startedAt',
        'thresholds',
        'ttfbMs'
      ].sort()
    )
    expect(report.url).toBe(server.url)
    expect(report.method).toBe('GET')
    expect(Object.keys(report.requests).sort()).toEqual(['aborted', 'completed', 'failed', 'sent'])
    expect(Object.keys(report.responses).sort()).toEqual(['clientOrServerError', 'ok'])
    for (const value of Object.values(report.requests)) expect(Number.isInteger(value)).toBe(true)
    expect(Object.keys(report.latencyMs).sort()).toEqual(['max', 'mean', 'min', 'p50', 'p90', 'p99', 'p999', 'p9999'].sort())
    for (const value of Object.values(report.latencyMs)) expect(typeof value).toBe('number')
    expect(Object.keys(report.ttfbMs).sort()).toEqual(Object.keys(report.latencyMs).sort())
    expect(report.ttfbMs.max).toBeLessThanOrEqual(report.latencyMs.max)
    expect(report.thresholds).toEqual([])
    expect(report.health?.verdict).toMatch(/^(ok|generator-limited)$/)
    expect(Number.isNaN(Date.parse(report.startedAt ?? ''))).toBe(false)
    expect(report.settings).toEqual({
      model: 'closed',
      connections: 5,
      pipelining: 1,
      workers: expect.any(Number),
      totalRequests: 50,
      timeoutMs: 10_000,
      headerNames: [],
      bodyBytes: 0,
      protocol: 'http1',
      insecure: false
    })
    expect(typeof report.durationMs).toBe('number')
    expect(report.durationMs).toBeGreaterThan(0)
    expect(report.rps).toBeGreaterThan(0)
    expect(Number.isInteger(report.bytesRead)).toBe(true)
    expect(typeof report.cancelled).toBe('boolean')
    expect(report.statusCodes).toEqual({ '200': 50 })
  })

  it('reads a 50 ms server as about 50 ms', async () => {
    const timed = boundLatencies(respondAfter(50))
    const server = await target(timed.respond)
    const { report, code } = await runJson([server.url, '-n', '100', '-c', '10'])

    expect(code).toBe(0)
    expect(server.received).toBe(100)
    expect(report.latencyMs.p50).toBeGreaterThanOrEqual(50)
    // No more than the server saw between answering one request and the next but one arriving.
    expect(report.latencyMs.p50).toBeLessThanOrEqual(timed.latencyBoundMs(50))
  })

  it('counts a refused port as failed requests of kind "refused", and still exits 0', async () => {
    const { report, code } = await runJson([await closedPortUrl(), '-n', '10', '-c', '2'])

    expect(code).toBe(0)
    expect(report.requests).toEqual({ sent: 10, completed: 0, failed: 10, aborted: 0 })
    expect(report.errors).toEqual({ refused: 10 })
    expect(report.statusCodes).toEqual({})
  })

  it('times requests out after --timeout', async () => {
    const server = await target(neverRespond)
    const { report, code } = await runJson([server.url, '--timeout', '200', '-n', '4', '-c', '4'])

    expect(code).toBe(0)
    expect(server.received).toBe(4)
    expect(report.errors).toEqual({ timeout: 4 })
    expect(report.requests).toEqual({ sent: 4, completed: 0, failed: 4, aborted: 0 })
    expect(report.durationMs).toBeGreaterThanOrEqual(200)
    expect(report.durationMs).toBeLessThan(1000)
  })
})

describe('stampede -d (duration mode)', () => {
  it('runs for the duration given in seconds, decimals allowed', async () => {
    const server = await target(respondOk)
    const { report, code, wallMs } = await runJson([server.url, '-d', '1.5', '-c', '10'])

    expect(code).toBe(0)
    expect(report.durationMs).toBeGreaterThanOrEqual(1500)
    expect(report.durationMs).toBeLessThan(1500 + 400)
    // Start-up (Node, the engine process) plus the run: seconds, not tens of them.
    expect(wallMs).toBeLessThan(1500 + 5000)
    expect(report.requests.sent).toBe(server.received)
    expect(report.requests.completed).toBe(server.received)
    expect(server.received).toBeGreaterThan(0)
  })
})

describe('stampede -r (open model)', () => {
  it('sends at its rate, not as fast as the server answers', async () => {
    const server = await target(respondOk)
    const { report, code } = await runJson([server.url, '-r', '200', '-d', '2', '-c', '20'])

    expect(code).toBe(0)
    expect(server.received).toBeGreaterThanOrEqual(360)
    expect(server.received).toBeLessThanOrEqual(401)
    expect(report.requests.sent).toBe(server.received)
  })

  it('counts latency from when each request was due, so a backlog shows (no coordinated omission)', async () => {
    // One connection, 50 ms a response: at most about 20 answers a second while 100 fall due. Each
    // waits longer for the connection than the last; measured from its send every one would read 50 ms.
    const server = await target(respondAfter(50))
    const { report, code } = await runJson([server.url, '-r', '100', '-c', '1', '-d', '1'])

    expect(code).toBe(0)
    expect(server.peakSockets).toBe(1)
    expect(server.received).toBeLessThanOrEqual(25)
    expect(report.requests.completed).toBe(server.received)
    expect(report.latencyMs.min).toBeGreaterThanOrEqual(50)
    expect(report.latencyMs.p99).toBeGreaterThan(400)
    expect(report.latencyMs.mean).toBeGreaterThan(150)
  })
})

describe('stampede -p (pipelining)', () => {
  it('keeps several requests in flight on one connection', async () => {
    // Counts requests that arrive on a socket whose earlier request is still unanswered.
    const pending = new Map<Socket, number>()
    let overlapping = 0
    const answerSoon = respondAfter(2)
    const server = await target((req, res, index) => {
      const before = pending.get(req.socket) ?? 0
      if (before > 0) overlapping++
      pending.set(req.socket, before + 1)
      res.once('finish', () => pending.set(req.socket, (pending.get(req.socket) ?? 1) - 1))
      answerSoon(req, res, index)
    })
    const { report, code } = await runJson([server.url, '-p', '4', '-c', '2', '-n', '400'])

    expect(code).toBe(0)
    expect(server.received).toBe(400)
    expect(report.requests).toEqual({ sent: 400, completed: 400, failed: 0, aborted: 0 })
    expect(server.peakSockets).toBeLessThanOrEqual(2)
    expect(overlapping).toBeGreaterThan(0)
  })
})

describe('stampede -m -H -b (the request)', () => {
  it('sends the method, every header in order, and the body', async () => {
    const seen: Array<{ method?: string; rawHeaders: string[]; body: string }> = []
    const server = await target((req, res, index) => {
      let body = ''
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      req.on('end', () => {
        seen.push({ method: req.method, rawHeaders: req.rawHeaders, body })
        respondOk(req, res, index)
      })
    })
    const { report, code } = await runJson([
      server.url,
      '-m', 'POST',
      '-H', 'X-Test: a',
      '-H', 'X-Test: b',
      '-b', 'hello',
      '-n', '5',
      '-c', '1'
    ])

    expect(code).toBe(0)
    expect(report.method).toBe('POST')
    expect(seen).toHaveLength(5)
    for (const request of seen) {
      expect(request.method).toBe('POST')
      expect(request.body).toBe('hello')
      const values = request.rawHeaders.flatMap((item, i) =>
        i % 2 === 0 && item.toLowerCase() === 'x-test' ? [request.rawHeaders[i + 1]] : []
      )
      expect(values).toEqual(['a', 'b'])
    }
  })
})

describe('stampede -k (insecure TLS)', () => {
  it('refuses a self-signed certificate as tls without -k, and accepts it with -k', async () => {
    const server = await targets.start(respondOk, { tls: SELF_SIGNED })
    const refused = await runJson([server.url, '-n', '20', '-c', '2', '-w', '1'])
    expect(refused.code).toBe(0)
    expect(refused.report.errors).toEqual({ tls: 20 })
    expect(server.received).toBe(0)

    const accepted = await runJson([server.url, '-n', '20', '-c', '2', '-w', '1', '-k'])
    expect(accepted.code).toBe(0)
    expect(accepted.report.statusCodes).toEqual({ '200': 20 })
    expect(accepted.report.requests).toEqual({ sent: 20, completed: 20, failed: 0, aborted: 0 })
    expect(server.received).toBe(20)
  })
})

describe('stampede -w (engine processes)', () => {
  it('splits the run between worker processes and counts it exactly', async () => {
    // The first requests wait until the test has looked at the CLI's children.
    const held: Array<() => void> = []
    let gateOpen = false
    const server = await target((req, res, index) => {
      if (gateOpen) respondOk(req, res, index)
      else held.push(() => respondOk(req, res, index))
    })
    const cli = new CliProcess([server.url, '-w', '2', '-n', '3000', '-c', '10', '--json'])
    await server.waitForReceived(10)
    const engines = childProcessesOf(cli.pid).filter(({ commandLine }) => commandLine.includes('engine.js'))
    gateOpen = true
    held.splice(0).forEach((answer) => answer())
    const exit = await cli.finish()
    const report = parseJsonOutput<JsonReport>(exit)

    expect(exit.code).toBe(0)
    expect(server.received).toBe(3000)
    expect(report.requests).toEqual({ sent: 3000, completed: 3000, failed: 0, aborted: 0 })
    expect(Object.values(report.statusCodes).reduce((total, count) => total + count, 0)).toBe(3000)
    expect(server.peakSockets).toBeLessThanOrEqual(10)
    if (process.platform === 'linux') {
      expect(engines).toHaveLength(2)
      // Disposed before the CLI exited: no engine outlives it.
      for (const { pid } of engines) expect(isAlive(pid)).toBe(false)
    }
  })
})

describe('stampede --stages, --h2c, --http2 -k', () => {
  it('runs a shape over h2c and reports the settings it ran, stages included', async () => {
    const server = await http2Targets.start({ tls: false })
    // 0 -> 100 req/s over 1 s asks for 50 requests; a count of 50 ends it however late they go.
    const { report, code } = await runJson([server.url, '--h2c', '-r', '0', '-c', '2', '-p', '4', '-n', '50', '--stages', '1s:100,0s:0,20s:0'])

    expect(code).toBe(0)
    expect(server.received).toBe(50)
    expect(server.sessions).toBeLessThanOrEqual(2)
    expect(report.requests).toEqual({ sent: 50, completed: 50, failed: 0, aborted: 0 })
    expect(report.settings).toMatchObject({
      protocol: 'h2c',
      model: 'open',
      ratePerSecond: 0,
      connections: 2,
      pipelining: 4,
      totalRequests: 50,
      stages: [
        { durationMs: 1000, target: 100 },
        { durationMs: 0, target: 0 },
        { durationMs: 20_000, target: 0 }
      ],
      workers: 1
    })
  })

  it('-k lets a run through a self-signed certificate; without it every request fails as tls', async () => {
    const server = await http2Targets.start({ tls: true })
    const insecure = await runJson([server.url, '--http2', '-k', '-n', '20', '-c', '2'])
    expect(insecure.code).toBe(0)
    expect(insecure.report.requests).toEqual({ sent: 20, completed: 20, failed: 0, aborted: 0 })
    expect(insecure.report.settings).toMatchObject({ protocol: 'h2', insecure: true })
    expect(server.received).toBe(20)

    const strict = await runJson([server.url, '--http2', '-n', '4', '-c', '2'])
    expect(strict.code).toBe(0)
    expect(strict.report.errors).toEqual({ tls: 4 })
    expect(server.received).toBe(20)
  })
})

describe('stampede --demo', () => {
  it('starts the built-in demo target and runs against it', async () => {
    const { report, code } = await runJson(['--demo', '-n', '2000'])

    expect(code).toBe(0)
    expect(report.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    expect(report.requests).toEqual({ sent: 2000, completed: 2000, failed: 0, aborted: 0 })
    expect(report.statusCodes).toEqual({ '200': 2000 })
  })

  it('prints a readable summary without --json', async () => {
    const exit = await runCli(['--demo', '-n', '300', '-c', '10'])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/$/m)
    expect(exit.stdout).toMatch(/Requests\s+300 sent, 300 completed, 0 failed/)
    expect(exit.stdout).toMatch(/Status codes\s+200: 300/)
    // Latency and TTFB side by side.
    expect(exit.stdout).toMatch(/^Latency\s+total\s+TTFB$/m)
    expect(exit.stdout).toMatch(/^\s+p99\s+[\d.,]+ m?s\s+[\d.,]+ m?s$/m)
    expect(exit.stdout).toMatch(/^\s+p99\.99\s/m)
    expect(exit.stdout).toMatch(/^Generator\s+/m)
    expect(exit.stdout).toMatch(/^\s+p99\.9\s/m)
    expect(exit.stdout).toContain('closed model · 10 connections · pipelining 1')
    expect(exit.stderr).toBe('')
  })
})
