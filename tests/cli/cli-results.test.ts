import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { HEALTH_LIMITS } from '../../src/shared/generator-health'
import type { RunReport } from '../../src/shared/report/run-report'
import { parseJsonOutput, runCli, stopAllClis } from '../support/cli-process'
import { startCannedTarget, type CannedTarget } from '../support/canned-target'
import { parseXml } from '../support/xml'
import { boundLatencies, respondAfter, respondOk, respondStatus, TargetServers, type Responder, type TargetServer } from '../support/target-server'

/**
 * What the CLI hands on: --threshold's verdicts and exit status, the files --report and --csv
 * write, and its judgement of the generator. A local counting server is the truth.
 */
const targets = new TargetServers()
const target = (respond?: Responder): Promise<TargetServer> => targets.start(respond)
const folder = mkdtempSync(join(tmpdir(), 'stampede-cli-results-'))
let canned: CannedTarget | undefined

afterEach(async () => {
  await stopAllClis()
  await targets.closeAll()
  await canned?.close()
  canned = undefined
})

afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** Answers 200, but every 20th request 500. */
const oneIn20Fails: Responder = (req, res, index) => (index % 20 === 19 ? respondStatus(500) : respondOk)(req, res, index)

describe('--threshold', () => {
  it('exits 0 when every threshold holds, and lists each with its actual figure', async () => {
    const server = await target(respondOk)
    const exit = await runCli([server.url, '-n', '300', '-c', '4', '--threshold', 'p99<5s', '--threshold', 'error_rate<1%', '--json'])
    const report = parseJsonOutput<RunReport>(exit)

    expect(exit.code).toBe(0)
    expect(server.received).toBe(300)
    expect(report.thresholds).toEqual([
      { expression: 'p99<5s', metric: 'p99', passed: true, actual: report.latencyMs.p99 },
      { expression: 'error_rate<1%', metric: 'error_rate', passed: true, actual: 0 }
    ])
  })

  it('exits 3 when one fails, the run itself complete', async () => {
    const server = await target(oneIn20Fails)
    const exit = await runCli([server.url, '-n', '400', '-c', '4', '--threshold', 'error_rate<1%', '--threshold', 'rps>0', '--json'])
    const report = parseJsonOutput<RunReport>(exit)

    expect(exit.code).toBe(3)
    expect(exit.stderr).toBe('')
    expect(report.outcome).toBe('finished')
    expect(server.received).toBe(400)
    expect(report.thresholds).toEqual([
      { expression: 'error_rate<1%', metric: 'error_rate', passed: false, actual: 0.05 },
      { expression: 'rps>0', metric: 'rps', passed: true, actual: report.rps }
    ])
  })

  it('says which failed in the summary too', async () => {
    const server = await target(oneIn20Fails)
    const exit = await runCli([server.url, '-n', '200', '-c', '2', '--threshold', 'client_or_server_error_rate<=1%'])

    expect(exit.code).toBe(3)
    expect(exit.stdout).toMatch(/^Thresholds: 1 of 1 failed$/m)
    expect(exit.stdout).toMatch(/^ {2}failed {2}client_or_server_error_rate<=1% {2}\(5\.0%\)$/m)
  })
})

describe('--report and --csv', () => {
  it('write a self-contained HTML report and the series as CSV, whose rows add up to the run', async () => {
    const server = await target(respondAfter(2))
    const html = join(folder, 'run.html')
    const csv = join(folder, 'run.csv')
    const exit = await runCli([server.url, '-d', '1.2', '-c', '4', '--report', html, '--csv', csv, '--json'])
    const report = parseJsonOutput<RunReport>(exit)

    expect(exit.code).toBe(0)
    // --json stays one line of verdicts: the series goes to the files.
    expect(report).not.toHaveProperty('series')
    const page = readFileSync(html, 'utf8')
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).not.toMatch(/\b(src|href|action|srcset|xlink:href)\s*=|url\s*\(|@import|<(script|link|img|iframe)\b/i)
    // The tested URL appears as text (title and heading), never as a resource.
    expect(page.match(/https?:/g)).toEqual(['http:', 'http:'])
    expect(page.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5)

    const [header, ...rows] = readFileSync(csv, 'utf8').trimEnd().split('\n')
    const columns = header.split(',')
    const column = (name: string): number[] => rows.map((row) => Number(row.split(',')[columns.indexOf(name)]))
    const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0)
    // About ten rows a second (fewer when a busy machine delays the engine's snapshots), end to end.
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(column('start_s')[0]).toBe(0)
    expect(column('end_s').at(-1)).toBeGreaterThanOrEqual(1.2)
    expect(column('start_s').slice(1)).toEqual(column('end_s').slice(0, -1))
    expect(sum(column('ok'))).toBe(server.received)
    expect(sum(column('sent'))).toBe(report.requests.sent)
    expect(sum(column('bytes_read'))).toBe(report.bytesRead)
  })

  it('writes the JSON report with its series when the file ends in .json', async () => {
    const server = await target(respondOk)
    const file = join(folder, 'run.json')
    const exit = await runCli([server.url, '-n', '200', '-c', '2', '--report', file, '--threshold', 'max<10s'])
    const written = JSON.parse(readFileSync(file, 'utf8')) as RunReport

    expect(exit.code).toBe(0)
    expect(exit.stdout).toContain(`Wrote the JSON report to ${file}`)
    expect(written.requests.completed).toBe(200)
    expect(written.thresholds).toMatchObject([{ expression: 'max<10s', passed: true }])
    expect(written.series?.points.reduce((total, point) => total + point.responses.ok, 0)).toBe(200)
    expect(written.latencyBins?.reduce((total, bin) => total + bin.count, 0)).toBe(200)
    expect(written.settings).toMatchObject({ model: 'closed', connections: 2, workers: 1, totalRequests: 200 })
  })
})

describe('--junit', () => {
  it('writes a case per threshold, the failed one with its figures, the run exiting 3 and the server counting every request', async () => {
    const server = await target(oneIn20Fails)
    const file = join(folder, 'junit.xml')
    const exit = await runCli([server.url, '-n', '200', '-c', '2', '--junit', file, '--threshold', 'max<10s', '--threshold', 'error_rate<1%'])
    const root = parseXml(readFileSync(file, 'utf8'))
    const [suite] = root.children

    expect(exit.code).toBe(3)
    expect(server.received).toBe(200)
    expect(exit.stdout).toContain(`Wrote the JUnit XML to ${file}`)
    expect(root.children.map((child) => child.attributes.name)).toEqual(['thresholds'])
    expect([suite.attributes.tests, suite.attributes.failures]).toEqual(['3', '1'])
    expect(suite.children.map((testCase) => [testCase.attributes.name, testCase.children[0]?.attributes.message])).toEqual([
      ['the run finished', undefined],
      ['max<10s', undefined],
      // The server answered 10 of 200 with 500: the figure in the failure is the server's own.
      ['error_rate<1%', 'error_rate<1% failed on the run: 5.0%']
    ])
  })
})

describe('the generator’s health', () => {
  it('calls the target slow, not the generator, when an open-model run falls behind a stalling server', async () => {
    const timed = boundLatencies(respondAfter(300))
    const server = await target(timed.respond)
    const report = parseJsonOutput<RunReport>(await runCli([server.url, '-r', '40', '-d', '2', '-c', '2', '-w', '1', '--json']))

    const health = report.health!
    // Every connection waited on the target, so nearly the whole run fell behind schedule.
    expect(health.targetSlowMs + health.generatorLimitedMs).toBeGreaterThanOrEqual(health.judgedMs / 2)
    expect(health.peak.behindScheduleMs).toBeGreaterThan(500)
    // The target's doing, unless the machine held the engine back for a tenth of the run by its own
    // gauges (it did at load 25, and then the report rightly says Stampede was the limit).
    const generatorLimited = health.generatorLimitedMs >= HEALTH_LIMITS.runShare * health.judgedMs
    expect(health.verdict).toBe(generatorLimited ? 'generator-limited' : 'target-slow')
    expect(health.summary).toMatch(generatorLimited ? /^Stampede, not the target, limited the run/ : /^The target was slow/)
    // What coordinated omission would have hidden: from the send, about the server's 300 ms.
    // Each connection sends its next request once the last answer is in, as in the closed model.
    expect(report.rawLatencyMs?.p50).toBeLessThanOrEqual(timed.latencyBoundMs(50))
    expect(report.latencyMs.p50).toBeGreaterThan(report.rawLatencyMs?.p50 ?? Infinity)
  })

  it('calls the generator the limit when it cannot send at the rate asked for', async () => {
    canned = await startCannedTarget()
    const report = parseJsonOutput<RunReport>(
      await runCli([canned.url, '-r', '5000000', '-d', '1.5', '-c', '8', '-p', '8', '-w', '1', '--json'])
    )

    expect(report.requests.completed).toBe(canned.received)
    expect(report.health?.verdict).toBe('generator-limited')
    expect(report.health?.summary).toMatch(/^Stampede, not the target, limited the run/)
    expect(report.health?.peak.behindScheduleMs).toBeGreaterThan(500)
  })
})
