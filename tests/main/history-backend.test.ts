import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HISTORY_FILE_NAME, HistoryStore } from '../../src/control/history/history-store'
import { loadSqlite } from '../../src/control/history/sqlite'
import { createAppBackend, type AppBackend } from '../../src/main/app-backend'
import type { FromDemoTarget, FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import type { RunRecordSummary } from '../../src/shared/run-history'
import { demoTargetSpawner, engineSpawner, type RecordingSpawner } from '../support/child-processes'
import { sqliteMissing } from '../support/history-runs'
import { RunRecorder } from '../support/run-recorder'
import { startTargetServer, type TargetServer } from '../support/target-server'

// The back end the app wires, with real engine processes against a counting server: a run ends up
// in the history with the report's figures, under its test, before the window hears it ended.
let engines: RecordingSpawner<ToEngine, FromEngine>
let demoTargets: RecordingSpawner<never, FromDemoTarget>
let dataFolder: string
let target: TargetServer
const backends: AppBackend[] = []
const closers: Array<() => void> = []

const startBackend = (): AppBackend => {
  const backend = createAppBackend({ engine: engines.spawn, demoTarget: demoTargets.spawn }, { dataFolder, workers: 2 })
  backends.push(backend)
  return backend
}

beforeEach(async () => {
  engines = engineSpawner()
  demoTargets = demoTargetSpawner()
  dataFolder = mkdtempSync(join(tmpdir(), 'stampede-history-backend-'))
  target = await startTargetServer()
})

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.dispose()
  for (const close of closers.splice(0)) close()
  await engines.killAll()
  await demoTargets.killAll()
  await target.close()
  rmSync(dataFolder, { recursive: true, force: true })
})

describe.skipIf(sqliteMissing)('the run history in the back end', () => {
  it("stores a run under the test given to startRun, with the report's figures, before the window hears `done`", async () => {
    const backend = startBackend()
    const saved = await backend.handlers.saveTest({ name: 'Home page', plan: { url: target.url, totalRequests: 300, concurrency: 4 }, thresholds: ['p99<10s'] })
    if (!saved.ok) throw new Error(saved.message)
    // Subscribed after the back end, as the window is: what it would find when it refreshes on `done`.
    let listedAtDone: RunRecordSummary[] | undefined
    backend.controller.onDone(() => {
      listedAtDone = backend.history.listRuns(saved.test.id)
    })
    const recorder = new RunRecorder(backend.controller)
    const reply = await backend.handlers.startRun(saved.test.plan, saved.test.thresholds, saved.test.id)
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    await recorder.done(reply.runId)

    const report = (await backend.handlers.lastReport())!.report
    expect(listedAtDone).toHaveLength(1)
    const [listed] = listedAtDone!
    expect(listed).toMatchObject({
      testId: saved.test.id,
      testName: 'Home page',
      outcome: 'finished',
      url: target.url,
      rps: report.rps,
      p99Ms: report.latencyMs.p99,
      errorRate: report.errorRate,
      thresholdsPassed: true,
      source: 'app',
      startedAt: report.startedAt
    })
    const stored = (await backend.handlers.getRun(listed.id))!
    expect(stored.report).toEqual(report)
    expect(stored.report.requests.completed).toBe(target.received)
    expect(target.received).toBe(300)
    expect(stored.plan).toEqual(saved.test.plan)
    expect(stored.thresholds).toEqual(['p99<10s'])
    expect(backend.history.runHistograms(listed.id)).toEqual({
      histogram: expect.any(String),
      ttfbHistogram: expect.any(String)
    })
    expect(await backend.handlers.listRuns()).toEqual(listedAtDone)
  }, 30_000)

  it('keeps the runs across a restart of the back end', async () => {
    const first = startBackend()
    const recorder = new RunRecorder(first.controller)
    const reply = await first.handlers.startRun({ url: target.url, totalRequests: 20, concurrency: 2 })
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    await recorder.done(reply.runId)
    const before = await first.handlers.listRuns()
    await first.dispose()
    backends.splice(backends.indexOf(first), 1)

    const second = startBackend()
    expect(await second.handlers.listRuns()).toEqual(before)
    expect(before).toMatchObject([{ testId: null, url: target.url }])
  }, 30_000)

  it.each<[string, unknown]>([
    ['zero', 0],
    ['a fraction', 1.5],
    ['text', '1'],
    ['no such test', 77],
    ['null', null]
  ])('refuses a run filed under %s, and nothing is sent', async (_label, testId) => {
    const backend = startBackend()
    const reply = await backend.handlers.startRun({ url: target.url, totalRequests: 5, concurrency: 1 }, [], testId)
    expect(reply).toMatchObject({ ok: false, message: expect.any(String) })
    expect(engines.spawned).toHaveLength(0)
    expect(target.received).toBe(0)
  })

  it('runs on, keeping nothing, while another program holds the history locked, and leaves its file alone', async () => {
    HistoryStore.open(dataFolder).close()
    const other: DatabaseSync = new (loadSqlite()!.DatabaseSync)(join(dataFolder, HISTORY_FILE_NAME))
    closers.push(() => other.isOpen && other.close())
    other.exec('BEGIN EXCLUSIVE')
    other.exec("INSERT INTO settings (key, value) VALUES ('held', 'yes')")

    const backend = startBackend()
    const status = await backend.handlers.historyStatus()
    expect(status).toMatchObject({ available: false, message: expect.stringMatching(/in use by another program/) })
    expect(await backend.handlers.startRun({ url: target.url, totalRequests: 5, concurrency: 1 }, [], 1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cannot be filed under a test: .*in use by another program/)
    })
    const recorder = new RunRecorder(backend.controller)
    const reply = await backend.handlers.startRun({ url: target.url, totalRequests: 40, concurrency: 2 })
    if (!reply.ok) throw new Error(JSON.stringify(reply))
    expect(await recorder.done(reply.runId)).toMatchObject({ outcome: 'finished', done: 40 })
    expect(target.received).toBe(40)
    expect(await backend.handlers.lastReport()).toMatchObject({ report: { requests: { completed: 40 } } })
    expect(await backend.handlers.listRuns()).toEqual([])
    expect(readdirSync(dataFolder).filter((name) => name.includes('corrupt'))).toEqual([])
  }, 30_000)
})
