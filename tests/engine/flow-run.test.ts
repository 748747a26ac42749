import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dataFileReader } from '../../src/control/data-file'
import { FlowRun } from '../../src/engine/flow-run'
import { compileFlow } from '../../src/shared/flow/compile-flow'
import type { RunPlan } from '../../src/shared/run-plan'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseTestFile } from '../../src/shared/test-file'
import { JourneyTarget, type JourneyOptions } from '../support/journey-target'

/**
 * A flow's run in the test's process (FlowRun, as the engine process runs it) against a local shop
 * that issues tokens, sessions, cookies and CSRF values and counts which came back really issued.
 */

const targets: JourneyTarget[] = []
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()))
})

async function shop(options?: JourneyOptions): Promise<JourneyTarget> {
  const target = await JourneyTarget.start(options)
  targets.push(target)
  return target
}

const folder = mkdtempSync(join(tmpdir(), 'stampede-flow-'))

/** The plan a test file describes, its data files beside it. */
function planOf(yaml: string, files: Record<string, string> = {}): RunPlan {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text)
  const testFile = join(folder, 'flow.yaml')
  const read = parseTestFile(yaml, 'flow.yaml', { readData: dataFileReader(testFile) })
  if (!read.ok) throw new Error(read.message)
  return read.test.plan
}

async function run(plan: RunPlan): Promise<RunResult> {
  const compiled = compileFlow(plan.flow!)
  if (!compiled.ok) throw new Error(compiled.problems[0].message)
  const flowRun = new FlowRun(1, plan, compiled.flow)
  await flowRun.prepare()
  return flowRun.start()
}

const JOURNEY = (url: string, load: string): string => `stampede: 2
name: Buy
variables: { host: "${url}" }
data: { file: users.csv }
steps:
  - name: log in
    method: POST
    url: "{{host}}/login"
    headers: { Content-Type: application/json }
    body: '{"user": "{{username}}", "password": "{{password}}"}'
    capture:
      token: json $.token
      session: header x-session
      sid: cookie sid
    check: [status == 200, json $.ok == true]
  - name: item
    url: "{{host}}/items/{{$randomInt 1 500}}"
    headers: { Authorization: "Bearer {{token}}", x-session: "{{session}}" }
    check: [status == 200, body contains "price", header content-type contains json]
  - name: checkout form
    url: "{{host}}/checkout"
    capture:
      csrf: regex 'name="csrf" value="([^"]+)"'
  - name: submit
    method: POST
    url: "{{host}}/checkout"
    headers: { Content-Type: application/x-www-form-urlencoded }
    body: "csrf={{csrf}}&qty=1"
    check: [status == 200]
load:
${load}
`
const USERS = 'username,password\nada,a1\nbob,b2\ncyd,c3\n'

describe('a flow run', () => {
  it('chains captures through JSON, a header, a cookie and a regex: every later request carries values the server issued to that login', async () => {
    const target = await shop()
    const result = await run(planOf(JOURNEY(target.url, '  connections: 3\n  iterations: 12'), { 'users.csv': USERS }))

    expect(target.counts.logins).toBe(12)
    for (const path of ['/items', '/checkout']) expect(target.count(target.counts.stale, path)).toBe(0)
    expect(target.count(target.counts.valid, '/items')).toBe(12)
    // GET and POST /checkout each: the form's CSRF value came back for the cookie it was issued to.
    expect(target.count(target.counts.valid, '/checkout')).toBe(24)
    expect(result.iterations).toMatchObject({ started: 12, completed: 12, failed: 0 })
    expect(result.steps?.map((step) => [step.name, step.done, step.statusCodes])).toEqual([
      ['log in', 12, { '200': 12 }],
      ['item', 12, { '200': 12 }],
      ['checkout form', 12, { '200': 12 }],
      ['submit', 12, { '200': 12 }]
    ])
    expect(result.done).toBe(48)
    expect(result.checks).toEqual({ passed: 12 * 6, failed: 0 })
    // Sequential rows: each of the three users logged in four times.
    expect(Object.fromEntries(target.counts.loginsByUser)).toEqual({ ada: 4, bob: 4, cyd: 4 })
  })

  it("counts each check's passes and failures as the server's answers were", async () => {
    const target = await shop({ itemsFailEvery: 3 })
    const result = await run(planOf(JOURNEY(target.url, '  connections: 2\n  iterations: 9'), { 'users.csv': USERS }))

    const sent = target.counts.statusesSent.get('/items') ?? {}
    expect(sent).toEqual({ '200': 6, '500': 3 })
    const item = result.steps?.[1]
    expect(item?.checks).toEqual([
      { check: 'status == 200', passed: sent['200'], failed: sent['500'] },
      { check: 'body contains "price"', passed: 9, failed: 0 },
      { check: 'header content-type contains json', passed: 9, failed: 0 }
    ])
    // A failed check does not end the iteration: every checkout was still sent.
    expect(target.count(target.counts.received, '/checkout')).toBe(18)
    expect(result.iterations).toMatchObject({ completed: 9, failed: 0 })
  })

  it('ends the iteration where a capture finds nothing: the steps after it are not sent, and why is counted', async () => {
    const target = await shop()
    const users = 'username,password\nada,a1\nnobody,x\n'
    const result = await run(planOf(JOURNEY(target.url, '  connections: 1\n  iterations: 6'), { 'users.csv': users }))

    expect(target.counts.logins).toBe(6)
    expect(Object.fromEntries(target.counts.loginsByUser)).toEqual({ ada: 3, nobody: 3 })
    // Only ada's iterations went on.
    expect(target.count(target.counts.received, '/items')).toBe(3)
    expect(target.count(target.counts.received, '/checkout')).toBe(6)
    expect(result.iterations).toMatchObject({ started: 6, completed: 3, failed: 3, failedBy: { captureFailed: 3 } })
    const login = result.steps?.[0]
    expect(login?.captures.failed).toBe(3)
    expect(login?.captures.example).toMatch(/^token: json \$\.token: \$\.token found nothing; body: \{"ok": false\}/)
    expect(login?.checks[1]).toEqual({ check: 'json $.ok == true', passed: 3, failed: 3 })
  })

  it("gives each step its own latency: the one the server delays, and not the others", async () => {
    const target = await shop({ delays: { '/items': 150 } })
    const result = await run(planOf(JOURNEY(target.url, '  connections: 2\n  iterations: 4'), { 'users.csv': USERS }))

    const [login, item] = result.steps ?? []
    expect(item.latencyMs.min).toBeGreaterThanOrEqual(150)
    expect(item.ttfbMs.min).toBeGreaterThanOrEqual(150)
    expect(login.latencyMs.p50).toBeLessThan(150)
    expect(result.iterations?.durationMs.min).toBeGreaterThanOrEqual(150)
  })

  it('reads a body for a capture only up to the step\'s limit, and says so when what it looks for lies past it', async () => {
    const target = await shop({ bigBytes: 20_000 })
    const yaml = (limit: string): string => `stampede: 2
name: Big
steps:
  - url: "${target.url}/big"
    capture: { marker: "regex 'marker=(\\\\w+)'" }
    bodyLimit: ${limit}
  - url: "${target.url}/items/{{marker}}"
load: { connections: 1, iterations: 2 }
`
    const cut = await run(planOf(yaml('1kB')))
    expect(cut.steps?.[0].captures.failed).toBe(2)
    expect(cut.steps?.[0].captures.example).toContain("the body is longer than the step's body limit")
    expect(target.count(target.counts.received, '/items')).toBe(0)
    expect(cut.bytesRead).toBe(2 * (20_000 + 'marker=FOUND'.length))

    const whole = await run(planOf(yaml('64kB')))
    expect(whole.iterations).toMatchObject({ completed: 2 })
    expect(target.count(target.counts.received, '/items')).toBe(2)
  })

  it('pauses for the think time after a step, inside the iteration\'s duration', async () => {
    const target = await shop()
    const yaml = `stampede: 2
name: Think
steps:
  - url: "${target.url}/items/1"
    think: 200ms
  - url: "${target.url}/items/2"
load: { connections: 1, iterations: 2 }
`
    const result = await run(planOf(yaml))
    expect(result.iterations?.completed).toBe(2)
    expect(result.iterations?.durationMs.min).toBeGreaterThanOrEqual(200)
  })

  it('starts iterations at the open model\'s rate: exactly those due in the duration', async () => {
    const target = await shop()
    const result = await run(planOf(JOURNEY(target.url, '  connections: 5\n  rate: 20\n  duration: 1s'), { 'users.csv': USERS }))

    expect(target.counts.logins).toBe(20)
    expect(result.iterations).toMatchObject({ started: 20, completed: 20 })
    expect(result.intervals[0].due).toBeDefined()
    expect(result.rawLatencyMs).toBeDefined()
  })

  it('uses each row of a unique data file once and ends the run when the rows run out, saying so', async () => {
    const target = await shop()
    const yaml = JOURNEY(target.url, '  connections: 2\n  iterations: 100').replace('data: { file: users.csv }', 'data: { file: users.csv, order: unique }')
    const result = await run(planOf(yaml, { 'users.csv': USERS }))

    expect(Object.fromEntries(target.counts.loginsByUser)).toEqual({ ada: 1, bob: 1, cyd: 1 })
    expect(result.iterations).toMatchObject({ started: 3, completed: 3, rowsUsedUp: true })
  })

  it('ramps the open model\'s iteration rate as its stages say: exactly the integral of the rate', async () => {
    const target = await shop()
    // From 0 to 15 iterations a second over 1 s: the integral reaches 7.5, so iterations 0 to 7 are due.
    const result = await run(planOf(JOURNEY(target.url, '  connections: 4\n  rate: 0\n  stages: [{ duration: 1s, target: 15 }]'), { 'users.csv': USERS }))

    expect(target.counts.logins).toBe(8)
    expect(result.iterations).toMatchObject({ started: 8, completed: 8 })
  })

  it('opens and retires virtual users as a shape of connections says', async () => {
    const target = await shop({ delays: { '/items': 20 } })
    const result = await run(planOf(JOURNEY(target.url, '  connections: 0\n  stages: [{ duration: 300ms, target: 2 }, { duration: 300ms, target: 0 }]'), { 'users.csv': USERS }))

    expect(result.outcome).toBe('finished')
    expect(result.iterations?.started).toBeGreaterThan(0)
    expect(target.counts.logins).toBe(result.iterations?.started)
    expect(result.intervals.at(-1)?.target).toBeDefined()
  })

  it('ends an iteration whose step times out, counting the timeout on that step, and sends none of the rest', async () => {
    const target = await shop({ delays: { '/items': 2000 } })
    const yaml = JOURNEY(target.url, '  connections: 1\n  iterations: 2').replace('load:', 'settings: { timeout: 200ms }\nload:')
    const result = await run(planOf(yaml, { 'users.csv': USERS }))

    expect(result.iterations).toMatchObject({ started: 2, completed: 0, failed: 2, failedBy: { noResponse: 2 } })
    expect(result.steps?.[1].errorKinds).toEqual({ timeout: 2 })
    expect(result.errorKinds).toEqual({ timeout: 2 })
    expect(target.count(target.counts.received, '/checkout')).toBe(0)
  })

  it('stops at a cancel, in a think time too: the iteration counts as cancelled and nothing more is sent', async () => {
    const target = await shop()
    const yaml = `stampede: 2
name: Think
steps:
  - url: "${target.url}/items/1"
    think: 10s
  - url: "${target.url}/items/2"
load: { connections: 2, iterations: 100 }
`
    const plan = planOf(yaml)
    const compiled = compileFlow(plan.flow!)
    if (!compiled.ok) throw new Error('does not compile')
    const flowRun = new FlowRun(1, plan, compiled.flow)
    await flowRun.prepare()
    const ended = flowRun.start()
    await waitFor(() => flowRun.snapshot().steps?.[0].done === 2)
    expect(flowRun.cancel()).toBe(2)
    const result = await ended

    expect(result.outcome).toBe('cancelled')
    expect(result.iterations).toMatchObject({ started: 2, completed: 0, failed: 2, failedBy: { cancelled: 2 } })
    expect(target.count(target.counts.received, '/items')).toBe(2)
  })
})

/** Polls a condition the run's own snapshot answers (no event exists for "the server answered"). */
async function waitFor(condition: () => boolean): Promise<void> {
  const { setTimeout: sleep } = await import('node:timers/promises')
  for (let tries = 0; !condition(); tries++) {
    if (tries > 500) throw new Error('condition never held')
    await sleep(10)
  }
}
