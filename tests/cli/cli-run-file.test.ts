import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { RunReport as JsonReport } from '../../src/shared/report/run-report'
import { checkTestDefinition, type TestDefinition } from '../../src/shared/saved-test'
import { testFileText, type TestFileFormat } from '../../src/shared/test-file'
import { parseJsonOutput, runCli, stopAllClis } from '../support/cli-process'
import { recordRequests, TargetServers, type RecordedRequest } from '../support/target-server'

/**
 * The round trip issue 12 asks for: a test as the app holds it, written by the app's own export
 * (testFileText, what main's exportTestFile writes), run by the built CLI with `run FILE`; the local
 * server's record of what arrived is the truth.
 */
const targets = new TargetServers()
const folder = mkdtempSync(join(tmpdir(), 'stampede-test-files-'))

afterEach(async () => {
  await stopAllClis()
  await targets.closeAll()
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A test as the designer hands it to main: checked by the one check, as exportTestFile does. */
function checkoutTest(url: string): TestDefinition {
  const check = checkTestDefinition({
    name: 'Checkout',
    plan: {
      url: `${url}api/checkout?cart=7`,
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Trace', 'a'],
        ['X-Trace', 'b']
      ],
      body: '{"sku": 42, "note": "ünïcödé"}',
      totalRequests: 30,
      concurrency: 3,
      workers: 2
    },
    thresholds: ['error_rate<1%']
  })
  if (!check.ok) throw new Error(check.message)
  return check.test
}

function writeTestFile(test: TestDefinition, format: TestFileFormat, name = `checkout.stampede.${format}`): string {
  const path = join(folder, name)
  writeFileSync(path, testFileText(test, format))
  return path
}

/** The headers the test set, as they arrived: the client's own (Host, Content-Length...) left out. */
function testHeaders(request: RecordedRequest): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]
    if (['content-type', 'x-trace', 'authorization'].includes(name.toLowerCase())) pairs.push([name, request.rawHeaders[i + 1]])
  }
  return pairs
}

describe('stampede run FILE', () => {
  it.each(['yaml', 'json'] as const)('sends exactly what a %s test file the app exported describes', async (format) => {
    const recorded = recordRequests()
    const server = await targets.start(recorded.respond)
    const test = checkoutTest(server.url)
    const exit = await runCli(['run', writeTestFile(test, format), '--json'])

    expect(exit.code).toBe(0)
    expect(server.received).toBe(30)
    expect(recorded.requests).toHaveLength(30)
    for (const request of recorded.requests) {
      expect(request.method).toBe('POST')
      expect(request.url).toBe('/api/checkout?cart=7')
      expect(testHeaders(request)).toEqual([
        ['Content-Type', 'application/json'],
        ['X-Trace', 'a'],
        ['X-Trace', 'b']
      ])
      expect(request.body).toBe('{"sku": 42, "note": "ünïcödé"}')
    }
    const report = parseJsonOutput<JsonReport>(exit)
    expect(report.requests.completed).toBe(30)
    expect(report.settings).toMatchObject({ connections: 3, workers: 2 })
    expect(report.thresholds).toMatchObject([{ expression: 'error_rate<1%', passed: true }])
  })

  it("lets flags override the file's values: the server sees the overrides", async () => {
    const recorded = recordRequests()
    const server = await targets.start(recorded.respond)
    const path = writeTestFile(checkoutTest(server.url), 'yaml')
    const exit = await runCli(['run', path, '-n', '7', '-c', '1', '-m', 'PUT', '-H', 'x-trace: from-ci', '-H', 'Authorization: Bearer ci'])

    expect(exit.code).toBe(0)
    expect(server.received).toBe(7)
    expect(server.peakSockets).toBe(1)
    for (const request of recorded.requests) {
      expect(request.method).toBe('PUT')
      expect(testHeaders(request)).toEqual([
        ['Content-Type', 'application/json'],
        ['x-trace', 'from-ci'],
        ['Authorization', 'Bearer ci']
      ])
      expect(request.body).toBe('{"sku": 42, "note": "ünïcödé"}')
    }
  })

  it("judges the file's thresholds (exit 3 when one fails), and --threshold replaces them", async () => {
    const server = await targets.start()
    // error_rate<0% fails whatever the server does: no rate is below 0.
    const test = { ...checkoutTest(server.url), thresholds: ['error_rate<0%'] }
    const path = writeTestFile(test, 'yaml', 'failing.stampede.yaml')

    const failing = await runCli(['run', path, '-n', '5', '--json'])
    expect(failing.code).toBe(3)
    expect(parseJsonOutput<JsonReport>(failing).thresholds).toMatchObject([{ expression: 'error_rate<0%', passed: false }])

    const replaced = await runCli(['run', path, '-n', '5', '--threshold', 'error_rate<1%', '--json'])
    expect(replaced.code).toBe(0)
    expect(parseJsonOutput<JsonReport>(replaced).thresholds).toMatchObject([{ expression: 'error_rate<1%', passed: true }])
    expect(server.received).toBe(10)
  })

  it('exits 2 with the message of a bad file, and sends nothing', async () => {
    const server = await targets.start()
    const path = join(folder, 'bad.stampede.yaml')
    writeFileSync(path, testFileText(checkoutTest(server.url), 'yaml').replace('connections: 3', 'conections: 3'))
    const exit = await runCli(['run', path])

    expect(exit.code).toBe(2)
    expect(exit.stdout).toBe('')
    expect(exit.stderr).toBe(
      `${path}, line 14 (load.conections): Unknown key: load holds connections, iterations, requests, duration, rate, pipelining, workers and stages.\n` +
        'Run stampede --help for usage.\n'
    )
    expect(server.received).toBe(0)
    expect(server.connections).toBe(0)
  })

  it('exits 2 for a missing file, naming it', async () => {
    const exit = await runCli(['run', join(folder, 'nowhere.yaml')])
    expect(exit.code).toBe(2)
    expect(exit.stderr).toBe(`run: cannot read ${join(folder, 'nowhere.yaml')}: ENOENT.\nRun stampede --help for usage.\n`)
  })
})
