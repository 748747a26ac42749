import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProcessSpawners } from '../../src/main/app-backend'
import { createAppBackend, type AppBackend } from '../../src/main/app-backend'
import { NO_DESTINATIONS, type FileDestinations } from '../../src/main/file-destinations'
import type { HistoryStore } from '../../src/control/history/history-store'
import { createHistoryHandlers } from '../../src/main/history-handlers'
import type { TestDefinition } from '../../src/shared/saved-test'
import { appRun, sqliteMissing } from '../support/history-runs'
import { planOf } from '../support/plans'

// In real Electron a handler that throws reaches the page as "Error invoking remote method 'x':
// Error: …" (the Chromium harness never shows that). Every request with an { ok } reply answers
// ok: false with the reason instead, whatever its dialog, disk or history does.
const TEST: TestDefinition = { name: 'Checkout', plan: planOf({ url: 'http://127.0.0.1:8080/', totalRequests: 5, concurrency: 1 }), thresholds: [] }
const NEVER_SPAWNED: ProcessSpawners = {
  engine: () => {
    throw new Error('no engine in these tests')
  },
  demoTarget: () => {
    throw new Error('no demo target in these tests')
  }
}

let folder: string
let backend: AppBackend | undefined
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-handler-faults-'))
})
afterEach(async () => {
  await backend?.dispose()
  backend = undefined
  rmSync(folder, { recursive: true, force: true })
})

function handlersWith(destinations: FileDestinations) {
  backend = createAppBackend(NEVER_SPAWNED, { dataFolder: folder, destinations, workers: 1 })
  const stored = backend.history.storeRun(appRun())
  return { handlers: backend.handlers, runId: stored.id }
}

describe.skipIf(sqliteMissing)('a request whose dialog cannot be shown', () => {
  it.each([
    ['exportReport', (h: AppBackend['handlers'], runId: number) => h.exportReport('json', runId)],
    ['copySummary', (h: AppBackend['handlers'], runId: number) => h.copySummary(runId)],
    ['exportTestFile', (h: AppBackend['handlers']) => h.exportTestFile(TEST)],
    ['importTestFile', (h: AppBackend['handlers']) => h.importTestFile()],
    ['importRunFile', (h: AppBackend['handlers']) => h.importRunFile()]
  ] as const)('%s answers ok: false with the reason, never throws', async (_name, call) => {
    const { handlers, runId } = handlersWith(NO_DESTINATIONS)
    const reply = await call(handlers, runId)
    expect(reply).toEqual({ ok: false, message: expect.stringContaining('need the app window') })
  })
})

describe.skipIf(sqliteMissing)('a chosen file that cannot be written', () => {
  it('exportReport names the file and says why', async () => {
    const { handlers, runId } = handlersWith({
      ...NO_DESTINATIONS,
      chooseSavePath: async (name) => `/read-only/${name}`,
      writeFile: () => Promise.reject(new Error('EACCES: permission denied'))
    })
    expect(await handlers.exportReport('csv', runId)).toEqual({
      ok: false,
      message: expect.stringMatching(/^stampede-127\.0\.0\.1-.*\.csv could not be written: EACCES: permission denied$/)
    })
  })
})

describe('a history that fails on reading', () => {
  const failing = {
    available: true,
    listTests: () => {
      throw new Error('The run history (/x/history.sqlite) is in use by another program: the latest change was not kept.')
    },
    getTest: () => {
      throw new Error('The run history (/x/history.sqlite) is damaged.')
    }
  } as unknown as HistoryStore

  it('saveTest answers ok: false with why, as its change would', async () => {
    const handlers = createHistoryHandlers(failing, NO_DESTINATIONS)
    expect(await handlers.saveTest(TEST)).toEqual({ ok: false, message: expect.stringContaining('in use by another program') })
  })

  it.skipIf(sqliteMissing)('startRun filed under a test answers ok: false with why, before any engine', async () => {
    backend = createAppBackend(NEVER_SPAWNED, { dataFolder: folder, workers: 1 })
    backend.history.getTest = failing.getTest
    expect(await backend.handlers.startRun(TEST.plan, [], 1)).toEqual({ ok: false, errors: {}, message: expect.stringContaining('damaged') })
  })
})
