import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { compareReports, type MetricDelta, type RunComparison } from '../../src/shared/compare/run-comparison'
import type { FailOnCheck } from '../../src/shared/compare/fail-on'
import { parseReportText } from '../../src/shared/report/report-file'
import type { RunReport } from '../../src/shared/report/run-report'
import { runCli, stopAllClis, parseJsonOutput } from '../support/cli-process'
import { respondAfter, startTargetServer, type Responder, type TargetServer } from '../support/target-server'

/**
 * `stampede compare`: two real CLI runs against a local target whose delay changes between them
 * (5 ms, then 2 s): the base as --json printed it, the new run as the --report file with its
 * series. The target's delay is the truth the comparison must tell: every request of the new run
 * took at least NEXT_DELAY_MS. The gap is that wide because on two busy shared cores the base run's
 * own tail reaches a few hundred ms (p99 of 5 ms responses measured at 110-360 ms under load 13),
 * and once past 1 s at load 13 with 50 connections opening at once, so the new run's is 2 s.
 */
const folder = mkdtempSync(join(tmpdir(), 'stampede-cli-compare-'))
const baseFile = join(folder, 'base.json')
const nextFile = join(folder, 'next.json')
const REQUESTS = 200
const BASE_DELAY_MS = 5
const NEXT_DELAY_MS = 2000
let delayMs = BASE_DELAY_MS
const switchableDelay: Responder = (req, res, index) => respondAfter(delayMs)(req, res, index)
let server: TargetServer

beforeAll(async () => {
  server = await startTargetServer(switchableDelay)
  // 50 connections: the new run's 200 requests take four rounds of 2 s.
  const run = ['-n', String(REQUESTS), '-c', '50', '-w', '1', server.url]
  const base = await runCli([...run, '--json'])
  expect(base.code).toBe(0)
  writeFileSync(baseFile, base.stdout)
  delayMs = NEXT_DELAY_MS
  const next = await runCli([...run, '--report', nextFile])
  expect(next.code).toBe(0)
  // Each run sent all its requests, and nothing else reached the target.
  expect(server.received).toBe(2 * REQUESTS)
})

afterEach(() => stopAllClis())

afterAll(async () => {
  await server?.close()
  rmSync(folder, { recursive: true, force: true })
})

function reportIn(path: string): RunReport {
  const parsed = parseReportText(readFileSync(path, 'utf8'))
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.report
}

function deltaOf(comparison: Pick<RunComparison, 'metrics'>, metric: string): MetricDelta {
  const delta = comparison.metrics.find((candidate) => candidate.metric === metric)
  if (!delta) throw new Error(`No ${metric} in the comparison`)
  return delta
}

interface CompareJson extends RunComparison {
  base: { file: string; url: string; method: string; startedAt: string | null; outcome: string }
  next: { file: string; url: string; method: string; startedAt: string | null; outcome: string }
  failOn: FailOnCheck[]
}

describe('stampede compare', () => {
  it('reads the two files as the runs the target saw: the base one with no series, the new one with it', () => {
    const base = reportIn(baseFile)
    const next = reportIn(nextFile)
    expect(base.series).toBeUndefined()
    expect(next.series?.points.length).toBeGreaterThan(0)
    expect(base.requests.completed + next.requests.completed).toBe(server.received)
    // The target's delay bounds each run's latency from below.
    expect(base.latencyMs.min).toBeGreaterThanOrEqual(BASE_DELAY_MS)
    expect(next.latencyMs.min).toBeGreaterThanOrEqual(NEXT_DELAY_MS)
  })

  it('prints the delta table: p50 and p99 worse, no setting of the plan different, and exits 0 with no limit', async () => {
    const exit = await runCli(['compare', baseFile, nextFile])

    expect(exit.code).toBe(0)
    expect(exit.stderr).toBe('')
    expect(exit.stdout).toMatch(new RegExp(`^Base ${baseFile.replace(/[.\\/]/g, '\\$&')}: GET ${server.url}, started \\S+, finished$`, 'm'))
    expect(exit.stdout).toMatch(/^p50\s.*\s\+\d[\d,]*%\s+worse$/m)
    expect(exit.stdout).toMatch(/^p99\s.*\s\+\d[\d,]*%\s+worse$/m)
    expect(exit.stdout).toMatch(/^req\/s\s.*worse$/m)
    expect(exit.stdout).toMatch(/^Error rate\s+0%\s+0%\s+0 pp\s+unchanged$/m)
    // A busy machine may have limited the generator in a run (listed as 'Generator'), never the plan.
    expect(exit.stdout).not.toMatch(/^ {2}(URL|Method|Model|Rate|Connections|Pipelining|Workers|Shape|Protocol|Requests)\s/m)
  })

  it('exits 3 when a --fail-on limit is exceeded, and says which', async () => {
    const exit = await runCli(['compare', baseFile, nextFile, '--fail-on', 'p99>+10%', '--fail-on', 'error_rate>+1%'])

    expect(exit.code).toBe(3)
    expect(exit.stdout).toContain('Limits: 1 of 2 exceeded')
    expect(exit.stdout).toMatch(/^ {2}exceeded\s+p99>\+10%\s+\(\+\d[\d,]*%\)$/m)
    expect(exit.stdout).toMatch(/^ {2}passed\s+error_rate>\+1%\s+\(0 pp\)$/m)
  })

  it('exits 0 when every limit holds', async () => {
    const exit = await runCli(['compare', baseFile, nextFile, '--fail-on', 'p99>+100000%', '--fail-on', 'p50>+10s'])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toContain('Limits: all passed')
  })

  it('reads the runs the other way round as better', async () => {
    const exit = await runCli(['compare', nextFile, baseFile, '--fail-on', 'p99>+10%'])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toMatch(/^p50\s.*\s-\d[\d.]*%\s+better$/m)
  })

  it('prints one JSON object with the numbers compareReports gives the app for the same two files', async () => {
    const exit = await runCli(['compare', baseFile, nextFile, '--json', '--fail-on', 'p99>+10%'])
    const json = parseJsonOutput<CompareJson>(exit)
    const inProcess = compareReports(reportIn(baseFile), reportIn(nextFile))

    expect(exit.code).toBe(3)
    expect(exit.stderr).toBe('')
    expect(json.metrics).toEqual(inProcess.metrics)
    expect(json.settings).toEqual(inProcess.settings)
    expect(json.suspect).toBe(inProcess.suspect)
    expect(json.settings.filter((difference) => difference.setting !== 'Generator')).toEqual([])
    const base = reportIn(baseFile)
    expect(json.base).toEqual({ file: baseFile, url: server.url, method: 'GET', startedAt: base.startedAt ?? null, outcome: 'finished' })
    expect(json.next).toMatchObject({ file: nextFile, url: server.url, outcome: 'finished' })
    const p99 = deltaOf(json, 'p99')
    expect(p99.verdict).toBe('worse')
    expect(json.failOn).toEqual([{ expression: 'p99>+10%', metric: 'p99', measure: 'relative', passed: false, actual: p99.relativeChange }])
  })

  it('warns when the settings differ in a way that measures something else, and still exits 0', async () => {
    const otherLayout = join(folder, 'two-workers.json')
    const report = reportIn(baseFile)
    writeFileSync(otherLayout, JSON.stringify({ ...report, settings: { ...report.settings, workers: 2 } }))
    const exit = await runCli(['compare', baseFile, otherLayout])

    expect(exit.code).toBe(0)
    expect(exit.stdout).toMatch(/^ {2}Workers\s+1\s+→\s+2\s+\(suspect\)$/m)
    expect(exit.stdout).toMatch(/^Warning: this comparison is suspect: the runs differ in workers[ ,]/m)
  })
})

describe('stampede compare: bad input', () => {
  // Every kind of bad input is in ./compare-command.test.ts, in-process; here the exit status as a shell sees it.
  it('exits 2 for a file that is not a report, naming it, and prints nothing on stdout', async () => {
    const path = written('summary.txt', 'GET http://x\n  closed model')
    const exit = await runCli(['compare', baseFile, path])

    expect(exit.code).toBe(2)
    expect(exit.stdout).toBe('')
    expect(exit.stderr).toBe(
      `stampede compare: ${path} (the new run): Not JSON: unexpected text at line 1, column 1 near "GET".\nRun stampede compare --help for usage.\n`
    )
  })
})

function written(name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}
