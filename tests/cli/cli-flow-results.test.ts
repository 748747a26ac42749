import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { RunReport } from '../../src/shared/report/run-report'
import { parseJsonOutput, runCli, stopAllClis } from '../support/cli-process'
import { JourneyTarget } from '../support/journey-target'
import { parseXml } from '../support/xml'

/**
 * A flow's results as the built CLI hands them on (--json, --junit, --csv, --report, the summary,
 * step thresholds), from a real run against the local shop, whose own counts are the truth: what it
 * received on each path and which statuses it sent.
 */
const folder = mkdtempSync(join(tmpdir(), 'stampede-cli-flow-results-'))
const targets: JourneyTarget[] = []
afterEach(async () => {
  await stopAllClis()
  await Promise.all(targets.splice(0).map((target) => target.close()))
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function shop(): Promise<JourneyTarget> {
  // Every 4th /items answer is a 500: the check `status == 200` fails for exactly those.
  const target = await JourneyTarget.start({ itemsFailEvery: 4 })
  targets.push(target)
  return target
}

function write(name: string, text: string): string {
  const path = join(folder, name)
  writeFileSync(path, text)
  return path
}

const ITERATIONS = 12
/** ada logs in and looks; nobody's login answers no token, so the capture ends that iteration. */
const FLOW = (url: string): string => `stampede: 2
name: Log in and look
data: { file: users.csv }
steps:
  - name: log in
    method: POST
    url: "${url}/login"
    body: '{"user": "{{username}}"}'
    capture: { token: json $.token, session: header x-session }
    check: [status == 200]
  - name: item
    url: "${url}/items/1"
    headers: { Authorization: "Bearer {{token}}", x-session: "{{session}}" }
    check: [status == 200, body contains "price"]
    thresholds: [error_rate<1%]
load:
  connections: 2
  iterations: ${ITERATIONS}
`

function flowFile(url: string): string {
  write('users.csv', 'username\nada\nada\nnobody\n')
  return write('flow.yaml', FLOW(url))
}

describe("a flow's results from the built CLI", () => {
  it("gives --json each step's figures equal to what the shop received and sent, the iterations and the checks", async () => {
    const target = await shop()
    const exit = await runCli(['run', flowFile(target.url), '--json'])
    const report = parseJsonOutput<RunReport>(exit)
    const [login, item] = report.steps ?? []
    const itemStatuses = target.counts.statusesSent.get('/items') ?? {}
    const nobody = target.count(target.counts.loginsByUser, 'nobody')

    // The file's step threshold error_rate<1% fails on item's 500s: exit 3, the run complete.
    expect(exit.code).toBe(3)
    expect(report.outcome).toBe('finished')
    expect(login).toMatchObject({ name: 'log in', requests: { sent: target.count(target.counts.received, '/login') }, statusCodes: { '200': target.counts.logins } })
    expect(login.captures.failed).toBe(nobody)
    expect(login.captures.example).toMatch(/token/)
    // A failed capture sends nothing after it: item was sent once for each of ada's logins.
    expect(item.requests.sent).toBe(target.count(target.counts.received, '/items'))
    expect(item.requests.sent).toBe(target.counts.logins - nobody)
    expect(item.statusCodes).toEqual(itemStatuses)
    expect(item.checks).toEqual([
      { check: 'status == 200', passed: itemStatuses['200'] ?? 0, failed: itemStatuses['500'] ?? 0 },
      { check: 'body contains "price"', passed: item.requests.sent, failed: 0 }
    ])
    expect(report.iterations).toMatchObject({ started: ITERATIONS, completed: ITERATIONS - nobody, failed: nobody, failedBy: { captureFailed: nobody } })
    expect(report.checks).toMatchObject({ passed: target.counts.logins + (itemStatuses['200'] ?? 0) + item.requests.sent, failed: itemStatuses['500'] ?? 0 })
    // The run's request figures are the sum over its steps.
    expect(report.requests.sent).toBe(login.requests.sent + item.requests.sent)
    expect(report.thresholds).toEqual([{ expression: 'item: error_rate<1%', step: 'item', metric: 'error_rate', passed: false, actual: item.errorRate }])
  })

  it('writes JUnit XML with a case per threshold and per check, the CSV and Markdown with a row per step', async () => {
    const target = await shop()
    const junit = join(folder, 'junit.xml')
    const csv = join(folder, 'flow.csv')
    const markdown = join(folder, 'flow.md')
    const exit = await runCli(['run', flowFile(target.url), '--threshold', 'log in: p99<10s', '--threshold', 'checks>50%', '--junit', junit, '--csv', csv, '--report', markdown])
    const itemStatuses = target.counts.statusesSent.get('/items') ?? {}

    expect(exit.code).toBe(0)
    expect(exit.stdout).toMatch(/\nSteps\n {2}Step +Sent .*\n {2}log in +\d+/)
    const [thresholds, checks] = parseXml(readFileSync(junit, 'utf8')).children
    expect(thresholds.children.map((testCase) => [testCase.attributes.classname, testCase.attributes.name, testCase.children.length])).toEqual([
      ['run', 'the run finished', 0],
      ['log in', 'log in: p99<10s', 0],
      ['thresholds', 'checks>50%', 0]
    ])
    expect(checks.children.map((testCase) => [testCase.attributes.classname, testCase.attributes.name])).toEqual([
      ['log in', 'status == 200'],
      ['item', 'status == 200'],
      ['item', 'body contains "price"']
    ])
    const failedStatus = checks.children[1].children[0]
    expect(failedStatus.attributes.message).toBe(
      `status == 200 failed for ${itemStatuses['500']} of ${target.count(target.counts.received, '/items')} responses of item (${(Math.floor((1000 * (itemStatuses['200'] ?? 0)) / target.count(target.counts.received, '/items')) / 10).toFixed(1)}% passed)`
    )
    const stepSection = readFileSync(csv, 'utf8').split('\n\n')[1].trimEnd().split('\n')
    expect(stepSection.map((row) => row.split(',').slice(0, 2))).toEqual([
      ['step', 'sent'],
      ['log in', String(target.counts.logins)],
      ['item', String(target.count(target.counts.received, '/items'))]
    ])
    expect(readFileSync(markdown, 'utf8')).toContain(`**Iterations**: ${ITERATIONS} started`)
  })

  it('refuses a threshold of a step the flow does not have, exit 2, naming its steps, the shop receiving nothing', async () => {
    const target = await shop()
    const exit = await runCli(['run', flowFile(target.url), '--threshold', 'login: p99<1s'])

    expect(exit.code).toBe(2)
    expect(exit.stderr).toContain('--threshold: "login: p99<1s": this test has no step named "login" (its steps: "log in", "item").')
    expect(target.count(target.counts.received, '/login')).toBe(0)
  })
})

describe('stampede compare on two real flow runs', () => {
  it('finds the step the shop slowed, its limit exceeded, and refuses a step not in both runs', async () => {
    // Mutable: the shop reads its delays as it answers, so the second run meets the slower /items.
    const options: { delays: Record<string, number> } = { delays: {} }
    const target = await JourneyTarget.start(options)
    targets.push(target)
    const file = flowFile(target.url)
    const baseFile = join(folder, 'flow-base.json')
    const nextFile = join(folder, 'flow-next.json')
    const base = await runCli(['run', file, '--threshold', 'checks>0%', '--json'])
    writeFileSync(baseFile, base.stdout)
    // Far above what a busy machine adds to a prompt answer (a few hundred ms at worst).
    options.delays['/items'] = 1000
    const next = await runCli(['run', file, '--threshold', 'checks>0%', '--report', nextFile])
    expect([base.code, next.code]).toEqual([0, 0])

    const exceeded = await runCli(['compare', baseFile, nextFile, '--fail-on', 'item: p99>+10%', '--json'])
    const comparison = JSON.parse(exceeded.stdout) as {
      steps: Array<{ name: string; metrics: Array<{ metric: string; base: number; next: number; verdict: string }> }>
      settings: Array<{ setting: string }>
    }
    const itemP99 = comparison.steps.find((step) => step.name === 'item')?.metrics.find((delta) => delta.metric === 'p99')
    expect(exceeded.code).toBe(3)
    // Same steps, same order: nothing of the flow's makes it suspect (a busy machine's generator may).
    expect(comparison.settings.map((difference) => difference.setting)).not.toContain('Steps')
    expect(comparison.steps.map((step) => step.name)).toEqual(['log in', 'item'])
    expect(itemP99?.next).toBeGreaterThanOrEqual(1000)
    expect(itemP99?.verdict).toBe('worse')

    const unknown = await runCli(['compare', baseFile, nextFile, '--fail-on', 'checkout: p99>+10%'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('the step "checkout" is not in both runs (the steps they share: "log in", "item")')
  })
})
