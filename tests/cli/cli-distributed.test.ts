import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLatencyHistogram, decodeHistogram, summarizeInMs } from '../../src/engine/latency-histogram'
import type { MergedReport, SegmentReport } from '../../src/shared/segment-result'
import { runCli, stopAllClis, CliProcess } from '../support/cli-process'
import { freePort, mergeFromStdin, startPods, writeTestFile, type SimulatedPod } from '../support/simulated-job'
import { recordArrivals, recordRequests, respondOk, startTargetServer, type TargetServer } from '../support/target-server'

/**
 * The Job of `stampede k8s`, simulated from its own manifests (tests/support/simulated-job.ts):
 * three pods, the barrier between them, their stdout and stderr mixed as kubectl logs gives them,
 * merged by `stampede merge -`. The target server's counts are the truth.
 */

const GENERATORS = 3
/**
 * Every generator's actual start within this of the others'. Measured here, on 2 cores shared with
 * other busy tests: 2-12 ms; the limit is for a machine whose timers fire late under load.
 */
const START_SPREAD_LIMIT_MS = 500

let folder: string
let pods: SimulatedPod[] = []

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-distributed-'))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))
afterEach(async () => {
  for (const pod of pods) pod.kill()
  pods = []
  await stopAllClis()
})

function testFileText(url: string, load: string): string {
  return `stampede: 1\nname: Spread\nrequest:\n  url: ${url}\nload:\n${load}\nthresholds: ['p99<5s']\n`
}

async function manifestsFor(testFile: string, extra: string[] = []): Promise<string> {
  const k8s = await runCli(['k8s', testFile, '--generators', String(GENERATORS), '--cpu', '1', '--barrier-timeout', '8s', ...extra])
  expect(k8s.code, k8s.stderr).toBe(0)
  return k8s.stdout
}

/** What kubectl logs -l job-name=NAME prints: each pod's stderr lines in with its stdout. */
function logsOf(all: readonly SimulatedPod[]): string {
  return all.map((pod) => `${pod.stderr}${pod.stdout}`).join('')
}

describe('a test split across a simulated Indexed Job', () => {
  let target: TargetServer
  afterEach(async () => target?.close())

  it('sends the whole test once between the pods, starts them together, and merges to the server\'s counts exactly', async () => {
    target = await startTargetServer(respondOk)
    const file = writeTestFile(folder, 'whole.yaml', testFileText(target.url, '  connections: 6\n  requests: 900'))
    pods = startPods(await manifestsFor(file), { folder, barrierPort: await freePort() })
    const exits = await Promise.all(pods.map((pod) => pod.exited))
    for (const [index, exit] of exits.entries()) expect(exit.code, pods[index].stderr).toBe(0)

    const reportPath = join(folder, 'merged.json')
    const junitPath = join(folder, 'merged.xml')
    const merged = await mergeFromStdin(logsOf(pods), ['--json', '--report', reportPath, '--junit', junitPath])
    expect(merged.code, merged.stderr).toBe(0)
    const report = JSON.parse(merged.stdout) as MergedReport

    // The server's count is the truth: every request once, none twice, none lost.
    expect(target.received).toBe(900)
    expect(report.requests.sent).toBe(target.received)
    expect(report.statusCodes).toEqual({ 200: 900 })
    expect(report.outcome).toBe('finished')
    expect(report.segments).toEqual({ expected: 3, merged: 3, missing: [], cutShort: [] })
    expect(report.generators.map((generator) => generator.sent)).toEqual([300, 300, 300])
    expect(report.thresholds).toMatchObject([{ expression: 'p99<5s', passed: true }])

    // The merged p99 is that of one histogram holding every segment's values.
    const segments = pods.map((pod) => JSON.parse(pod.stdout) as SegmentReport)
    const one = createLatencyHistogram()
    for (const segment of segments) one.add(decodeHistogram(segment.segment.result.histogram as string))
    expect(report.latencyMs.p99).toBeCloseTo(summarizeInMs(one).p99, 3)
    expect(report.latencyMs.max).toBeCloseTo(summarizeInMs(one).max, 3)

    expect(report.start.spreadMs).toBeLessThan(START_SPREAD_LIMIT_MS)
    // The series adds up to the totals, on one clock.
    const file_ = JSON.parse(readFileSync(reportPath, 'utf8')) as MergedReport
    const seriesSent = (file_.series?.points ?? []).reduce((total, point) => total + point.sent, 0)
    expect(seriesSent).toBe(900)
    // The thresholds judged once, on the merged result, in the JUnit file too.
    const junit = readFileSync(junitPath, 'utf8')
    expect(junit).toContain('name="p99&lt;5s"')
    expect(junit).not.toContain('<failure')
  }, 60_000)

  it('deals a flow\'s unique data rows between the pods: the server sees each row once in all', async () => {
    const { respond, requests } = recordRequests(respondOk)
    target = await startTargetServer(respond)
    const rows = Array.from({ length: 60 }, (_, index) => `u${index}`)
    writeTestFile(folder, 'users.csv', `user\n${rows.join('\n')}\n`)
    const flow = [
      'stampede: 2',
      'name: Users',
      'data:',
      '  file: users.csv',
      '  order: unique',
      'steps:',
      `  - url: ${target.url}u/{{user}}`,
      "    check: ['status == 200']",
      'load:',
      '  connections: 6',
      '  iterations: 60'
    ].join('\n')
    const file = writeTestFile(folder, 'users.yaml', `${flow}\n`)
    pods = startPods(await manifestsFor(file), { folder: join(folder, 'users-job'), barrierPort: await freePort() })
    const exits = await Promise.all(pods.map((pod) => pod.exited))
    for (const [index, exit] of exits.entries()) expect(exit.code, pods[index].stderr).toBe(0)

    // The values the server issued came back once each: every row used by exactly one iteration.
    expect(requests.map((request) => request.url).sort()).toEqual(rows.map((row) => `/u/${row}`).sort())
    const merged = await mergeFromStdin(logsOf(pods), ['--json'])
    expect(merged.code, merged.stderr).toBe(0)
    const report = JSON.parse(merged.stdout) as MergedReport
    expect(report.requests.sent).toBe(60)
    expect(report.generators.map((generator) => generator.sent)).toEqual([20, 20, 20])
  }, 60_000)

  it('names a pod killed mid-run as a missing segment, and never reports the run complete', async () => {
    target = await startTargetServer(respondOk)
    const file = writeTestFile(folder, 'killed.yaml', testFileText(target.url, '  connections: 3\n  duration: 4s'))
    pods = startPods(await manifestsFor(file), { folder, barrierPort: await freePort() })
    // Once requests flow, pod 1 (segment 2) dies as a pod does: with its engines, printing nothing more.
    await target.waitForReceived(30)
    pods[1].kill()
    const exits = await Promise.all(pods.map((pod) => pod.exited))
    expect(exits[1].signal).toBe('SIGKILL')

    const merged = await mergeFromStdin(logsOf(pods), ['--json'])
    expect(merged.code).toBe(1)
    const report = JSON.parse(merged.stdout) as MergedReport
    expect(report.outcome).not.toBe('finished')
    expect(report.segments).toMatchObject({ expected: 3, merged: 2, missing: [2] })
    expect(report.error).toMatch(/segment 2 of 3 is missing/i)
    expect(merged.stderr).toMatch(/segment 2 of 3 is missing/i)
    // What the merge counts is the other two pods' share: smaller than what the server saw, and said so.
    expect(report.requests.sent).toBeLessThan(target.received)
  }, 60_000)

  it('fails every pod with the reason when one never checks in, and nothing is sent', async () => {
    target = await startTargetServer(respondOk)
    const file = writeTestFile(folder, 'never.yaml', testFileText(target.url, '  connections: 3\n  requests: 300'))
    const manifests = await manifestsFor(file, ['--barrier-timeout', '2s'])
    pods = startPods(manifests, { folder, barrierPort: await freePort(), indexes: [0, 1] })
    const exits = await Promise.all(pods.map((pod) => pod.exited))
    for (const [index, exit] of exits.entries()) {
      expect(exit.code).toBe(1)
      expect(pods[index].stderr).toMatch(/generator 3 of 3 did not check in within 2 s, so none started/)
      expect(pods[index].stdout).toBe('')
    }
    expect(target.received).toBe(0)
    const merged = await mergeFromStdin(logsOf(pods))
    expect(merged.code).toBe(2)
    expect(merged.stderr).toMatch(/no segment results found/)
  }, 60_000)
})

describe('stampede run --start-at', () => {
  it('holds every generator, launched at staggered times, until the instant given, then all send', async () => {
    const { respond, arrivals } = recordArrivals(respondOk)
    const target = await startTargetServer(respond)
    try {
      const file = writeTestFile(folder, 'start-at.yaml', testFileText(target.url, '  connections: 3\n  requests: 90'))
      // performance.now() and Date.now() of this process: the server notes arrivals on the first.
      // Far enough ahead for three CLIs to start and spawn their engines on a busy machine.
      const startAtMs = Date.now() + 8000
      const startAtPerf = performance.now() + 8000
      const clis: CliProcess[] = []
      for (let k = 1; k <= GENERATORS; k++) {
        clis.push(new CliProcess(['run', file, '--segment', `${k}/${GENERATORS}`, '--start-at', String(startAtMs), '-w', '1']))
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      const exits = await Promise.all(clis.map((cli) => cli.finish(30_000)))
      for (const exit of exits) {
        expect(exit.code, exit.stderr).toBe(0)
        expect(exit.stderr).toMatch(/Waiting until .* to start/)
      }
      expect(arrivals).toHaveLength(90)
      // None before the instant (a millisecond allowed for the two clocks' rounding), all soon after.
      expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(startAtPerf - 1)
      const starts = exits.map((exit) => (JSON.parse(exit.stdout) as SegmentReport).segment.clock.startedAtMs)
      for (const start of starts) expect(start).toBeGreaterThanOrEqual(startAtMs)
      expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(START_SPREAD_LIMIT_MS)
    } finally {
      await target.close()
    }
  }, 60_000)

  it('refuses an instant already past with exit 2, sending nothing', async () => {
    const target = await startTargetServer(respondOk)
    try {
      const exit = await runCli(['-n', '5', '--start-at', '2020-01-01T00:00:00Z', target.url])
      expect(exit.code).toBe(2)
      expect(exit.stderr).toMatch(/--start-at: 2020-01-01T00:00:00.000Z is already past/)
      expect(target.received).toBe(0)
    } finally {
      await target.close()
    }
  })
})
