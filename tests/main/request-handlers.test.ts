import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LAST_PLAN_FILE_NAME } from '../../src/main/last-plan-file'
import type { FromDemoTarget, FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { createAppBackend, type AppBackend } from '../../src/main/app-backend'
import { startTargetServer, type TargetServer } from '../support/target-server'
import { demoTargetSpawner, engineSpawner, isAlive, type RecordingSpawner } from '../support/child-processes'
import { RunRecorder } from '../support/run-recorder'

// The handlers as the renderer reaches them, over the backend the app wires (real engine, real
// demo target). Whatever the renderer sends, only a valid plan may reach the engine.
let engines: RecordingSpawner<ToEngine, FromEngine>
let demoTargets: RecordingSpawner<never, FromDemoTarget>
let backend: AppBackend
let target: TargetServer
let dataFolder: string

beforeEach(async () => {
  engines = engineSpawner()
  demoTargets = demoTargetSpawner()
  dataFolder = await mkdtemp(join(tmpdir(), 'stampede-handlers-'))
  backend = createAppBackend({ engine: engines.spawn, demoTarget: demoTargets.spawn }, { dataFolder })
  target = await startTargetServer()
})

afterEach(async () => {
  await backend.dispose()
  await engines.killAll()
  await demoTargets.killAll()
  await target.close()
  await rm(dataFolder, { recursive: true, force: true })
})

describe('startRun', () => {
  const garbage: Array<[string, (url: string) => unknown]> = [
    ['undefined', () => undefined],
    ['null', () => null],
    ['a number', () => 42],
    ['a string', (url) => url],
    ['an array', (url) => [url, 10, 1]],
    ['a URL that is not one', () => ({ url: 'not a url', totalRequests: 10, concurrency: 1 })],
    ['an ftp URL', () => ({ url: 'ftp://127.0.0.1/', totalRequests: 10, concurrency: 1 })],
    ['0 requests', (url) => ({ url, totalRequests: 0, concurrency: 1 })],
    ['1.5 requests', (url) => ({ url, totalRequests: 1.5, concurrency: 1 })],
    ['a huge count', (url) => ({ url, totalRequests: 1e15, concurrency: 1 })],
    ['a huge concurrency', (url) => ({ url, totalRequests: 10, concurrency: 1e6 })],
    ['a count as a string', (url) => ({ url, totalRequests: '10', concurrency: 1 })],
    ['an extra field', (url) => ({ url, totalRequests: 10, concurrency: 1, followRedirects: true })]
  ]

  it.each(garbage)('refuses %s with a reason, and nothing reaches the engine', async (_label, payload) => {
    const reply = await backend.handlers.startRun(payload(target.url))
    expect(reply.ok).toBe(false)
    expect(!reply.ok && (Object.keys(reply.errors).length > 0 || reply.message)).toBeTruthy()
    expect(engines.spawned).toHaveLength(0)
    expect(target.received).toBe(0)
  })

  it('names the field at fault', async () => {
    const reply = await backend.handlers.startRun({ url: target.url, totalRequests: 0, concurrency: 1 })
    expect(reply).toEqual({ ok: false, errors: { totalRequests: 'Number of requests must be at least 1.' } })
  })

  it('runs a valid plan', async () => {
    const recorder = new RunRecorder(backend.controller)
    const reply = await backend.handlers.startRun({ url: target.url, totalRequests: 200, concurrency: 4 })
    if (!reply.ok) throw new Error('valid plan refused')
    const result = await recorder.done(reply.runId)
    expect(result).toMatchObject({ outcome: 'finished', done: 200 })
    expect(target.received).toBe(200)
  })

  it('refuses thresholds that are not a list of conditions, naming what is wrong, and starts nothing', async () => {
    const startRun = backend.handlers.startRun as (...args: unknown[]) => Promise<unknown>
    const plan = { url: target.url, totalRequests: 1, concurrency: 1 }
    expect(await startRun(plan, 'extra')).toMatchObject({ ok: false, message: /list of at most 20/ })
    expect(await startRun(plan, ['p99<250ms', 'p99=1'])).toMatchObject({ ok: false, message: /Threshold refused: "p99=1"/ })
    expect(engines.spawned).toHaveLength(0)
  })

  it('refuses a test id that is not one, and a call with a stray fourth argument', async () => {
    const startRun = backend.handlers.startRun as (...args: unknown[]) => Promise<unknown>
    const plan = { url: target.url, totalRequests: 1, concurrency: 1 }
    expect(await startRun(plan, [], 'extra')).toMatchObject({ ok: false, message: 'A test id is a positive whole number.' })
    await expect(startRun(plan, [], undefined, 'extra')).rejects.toThrow(/takes 3 argument/)
    expect(engines.spawned).toHaveLength(0)
  })
})

describe('startRun of a flow', () => {
  const step = (name: string, url: string, more: Record<string, unknown> = {}) => ({
    name,
    method: 'GET',
    url,
    headers: [],
    captures: [],
    checks: [],
    thresholds: [],
    ...more
  })
  const flowPlan = (url: string, steps: unknown[]) => ({ url, iterations: 20, concurrency: 2, flow: { variables: [], steps } })

  it("judges each sent step by its own thresholds, as the CLI does, beside the typed ones; a disabled step's are left out", async () => {
    const plan = flowPlan(target.url, [
      step('home', target.url, { checks: ['status == 599'], thresholds: ['checks>99%'] }),
      step('about', `${target.url}about`, { thresholds: ['error_rate<1%'] }),
      step('off', `${target.url}off`, { disabled: true, thresholds: ['p99<1ms'] })
    ])
    const recorder = new RunRecorder(backend.controller)
    const reply = await backend.handlers.startRun(plan, ['p99<10s'])
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    await recorder.done(reply.runId)
    // The target answered every request 200, so every `status == 599` failed and none errored.
    expect(target.received).toBe(40)
    const report = (await backend.handlers.lastReport())!.report
    expect(report.thresholds.map(({ expression, step, passed }) => ({ expression, step, passed }))).toEqual([
      { expression: 'p99<10s', step: undefined, passed: true },
      { expression: 'home: checks>99%', step: 'home', passed: false },
      { expression: 'about: error_rate<1%', step: 'about', passed: true }
    ])
  })

  it('refuses a typed threshold naming a step the flow does not send, or a step threshold that does not parse, and sends nothing', async () => {
    const plan = flowPlan(target.url, [step('home', target.url), step('off', `${target.url}off`, { disabled: true })])
    expect(await backend.handlers.startRun(plan, ['off: p99<1s'])).toEqual({
      ok: false,
      errors: {},
      message: 'Threshold refused: "off: p99<1s": this test has no step named "off" (its steps: "home").'
    })
    const badStep = flowPlan(target.url, [step('home', target.url, { thresholds: ['p99=1'] })])
    expect(await backend.handlers.startRun(badStep, [])).toMatchObject({ ok: false, message: /^Threshold refused: step "home": / })
    expect(engines.spawned).toHaveLength(0)
    expect(target.received).toBe(0)
  })
})

describe('cancelRun and startDemoTarget', () => {
  it('refuse any argument', async () => {
    const cancelRun = backend.handlers.cancelRun as (...args: unknown[]) => Promise<unknown>
    const startDemoTarget = backend.handlers.startDemoTarget as (...args: unknown[]) => Promise<unknown>
    await expect(cancelRun({ runId: 1 })).rejects.toThrow(/takes 0 argument/)
    await expect(startDemoTarget('http://evil.example/')).rejects.toThrow(/takes 0 argument/)
    expect(demoTargets.spawned).toHaveLength(0)
  })

  it('cancelRun with nothing running answers at once', async () => {
    expect(await backend.handlers.cancelRun()).toEqual({ cancelled: false, done: 0 })
  })

  it('startDemoTarget answers with the demo target URL, and a run against it works', async () => {
    const { url } = await backend.handlers.startDemoTarget()
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const recorder = new RunRecorder(backend.controller)
    const reply = await backend.handlers.startRun({ url, totalRequests: 100, concurrency: 4 })
    if (!reply.ok) throw new Error('demo plan refused')
    expect(await recorder.done(reply.runId)).toMatchObject({ outcome: 'finished', statusCodes: { '200': 100 } })
  })
})

describe('saveLastPlan and loadLastPlan', () => {
  it('remember a valid plan in the data folder and give it back, defaults filled in', async () => {
    const plan = { url: target.url, method: 'post', body: '{}', totalRequests: 5, concurrency: 2, workers: 2 }
    expect(await backend.handlers.saveLastPlan(plan)).toEqual({ saved: true })
    const onDisk = JSON.parse(await readFile(join(dataFolder, LAST_PLAN_FILE_NAME), 'utf8')) as { plan: unknown }
    expect(onDisk.plan).toMatchObject({ url: target.url, method: 'POST' })
    expect(await backend.handlers.loadLastPlan()).toEqual({
      plan: { ...plan, method: 'POST', headers: [], pipelining: 1, timeoutMs: 10_000, protocol: 'http1', insecure: false }
    })
  })

  it('refuse to remember what is not a valid plan, and keep the one before', async () => {
    await backend.handlers.saveLastPlan({ url: target.url, totalRequests: 5, concurrency: 2 })
    expect(await backend.handlers.saveLastPlan({ url: 'file:///etc/passwd', totalRequests: 5, concurrency: 2 })).toEqual({
      saved: false,
      message: 'Not a valid plan: it was not remembered.'
    })
    expect((await backend.handlers.loadLastPlan()).plan?.url).toBe(target.url)
  })

  it('take exactly their arguments', async () => {
    const loadLastPlan = backend.handlers.loadLastPlan as (...args: unknown[]) => Promise<unknown>
    const saveLastPlan = backend.handlers.saveLastPlan as (...args: unknown[]) => Promise<unknown>
    await expect(loadLastPlan('/etc/passwd')).rejects.toThrow(/takes 0 argument/)
    await expect(saveLastPlan({ url: target.url, totalRequests: 1, concurrency: 1 }, 'x')).rejects.toThrow(/takes 1 argument/)
  })
})

describe('AppBackend.dispose', () => {
  it('ends the engine and the demo target', async () => {
    await backend.handlers.startDemoTarget()
    const recorder = new RunRecorder(backend.controller)
    const reply = await backend.handlers.startRun({ url: target.url, totalRequests: 10, concurrency: 1 })
    if (!reply.ok) throw new Error('valid plan refused')
    await recorder.done(reply.runId)
    const pids = [...engines.pids, ...demoTargets.pids]
    expect(pids).toHaveLength(2)
    await backend.dispose()
    for (const pid of pids) expect(isAlive(pid)).toBe(false)
  })
})
