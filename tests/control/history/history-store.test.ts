import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HISTORY_FILE_NAME, HistoryStore } from '../../../src/control/history/history-store'
import { decodeHistogram, summarizeInMs } from '../../../src/engine/latency-histogram'
import type { TestDefinition } from '../../../src/shared/saved-test'
import { appRun, sqliteMissing } from '../../support/history-runs'
import { planOf } from '../../support/plans'

// The history store on a real SQLite file in a temp folder: what goes in comes back out exactly,
// after a restart too, and the file stays within its limit.
let folder: string
const open: HistoryStore[] = []
const openStore = (): HistoryStore => {
  const store = HistoryStore.open(folder)
  open.push(store)
  return store
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-history-'))
})

afterEach(() => {
  for (const store of open.splice(0)) store.close()
  rmSync(folder, { recursive: true, force: true })
})

const checkout: TestDefinition = {
  name: 'Checkout',
  plan: planOf({ url: 'http://127.0.0.1:9/checkout', totalRequests: 5, concurrency: 1 }),
  thresholds: ['p99<250ms']
}

describe.skipIf(sqliteMissing)('HistoryStore', () => {
  it('gives back after a restart each report text and histogram exactly as stored, and the list figures of the report', () => {
    let store = openStore()
    const test = store.saveTest(checkout)!
    const runs = [appRun({ testId: test.id }), appRun({ startedAt: '2026-11-29T06:00:00.000Z', p99: 7.5 }), appRun({ testId: test.id, url: 'https://[::1]:8443/x' })]
    const ids = runs.map((run) => store.storeRun(run).id)
    store.close()

    store = openStore()
    expect(store.status()).toMatchObject({ available: true, runCount: 3 })
    expect(store.status().message).toBeUndefined()
    runs.forEach((run, index) => {
      const id = ids[index]
      expect(store.reportText(id)).toBe(JSON.stringify(run.report))
      expect(store.runHistograms(id)).toEqual(run.histograms)
      const stored = store.getRun(id)!
      expect(stored.report).toEqual(JSON.parse(store.reportText(id)!))
      expect(stored.report).toEqual(run.report)
      expect(stored.plan).toEqual(run.plan)
      expect(stored.thresholds).toEqual(['p99<5ms', 'error_rate<50%'])
      expect(stored).toMatchObject({
        id,
        testId: run.testId,
        testName: run.testId === null ? null : 'Checkout',
        startedAt: run.startedAt,
        outcome: 'finished',
        url: run.report.url,
        method: 'GET',
        rps: run.report.rps,
        p99Ms: run.report.latencyMs.p99,
        errorRate: run.report.errorRate,
        thresholdsPassed: false,
        source: 'app',
        isBaseline: false
      })
    })
    // The histogram read back is the one recorded: four responses, the slowest 40 ms.
    const latency = summarizeInMs(decodeHistogram(store.runHistograms(ids[0])!.histogram!))
    expect(latency.max).toBeCloseTo(40, 1)
    expect(store.listRuns().map((run) => run.id)).toEqual([ids[1], ids[2], ids[0]])
    expect(store.listRuns(test.id).map((run) => run.id)).toEqual([ids[2], ids[0]])
  })

  it('saves, renames, duplicates and deletes tests; a deleted test leaves its runs, under its old name', () => {
    const store = openStore()
    const test = store.saveTest(checkout)!
    expect(test).toMatchObject({ ...checkout, baselineRunId: null })
    const renamed = store.saveTest({ ...checkout, name: 'Checkout v2', thresholds: [] }, test.id)!
    expect(renamed).toMatchObject({ id: test.id, name: 'Checkout v2', thresholds: [], createdAt: test.createdAt })
    expect(store.saveTest(checkout, 999)).toBeUndefined()
    const run = store.storeRun(appRun({ testId: test.id }))
    const copy = store.duplicateTest(test.id)!
    expect(copy).toMatchObject({ name: 'Checkout v2 (copy)', plan: checkout.plan, baselineRunId: null })
    expect(store.listRuns(copy.id)).toEqual([])
    expect(store.listTests().map((saved) => saved.name)).toEqual(['Checkout v2', 'Checkout v2 (copy)'])

    expect(store.deleteTest(test.id)).toBe(true)
    expect(store.deleteTest(test.id)).toBe(false)
    expect(store.getRun(run.id)).toMatchObject({ testId: null, testName: 'Checkout v2' })
  })

  it("marks a run of the test as its baseline, refuses another test's run, and forgets a deleted baseline", () => {
    const store = openStore()
    const test = store.saveTest(checkout)!
    const other = store.saveTest({ ...checkout, name: 'Other' })!
    const own = store.storeRun(appRun({ testId: test.id }))
    const foreign = store.storeRun(appRun({ testId: other.id }))
    expect(store.setBaseline(test.id, foreign.id)).toBe('Only a run of this test can be its baseline.')
    expect(store.setBaseline(test.id, 999)).toBe('There is no stored run with that id.')
    expect(store.setBaseline(999, own.id)).toBe('There is no saved test with that id.')
    expect(store.setBaseline(test.id, own.id)).toBeUndefined()
    expect(store.getTest(test.id)?.baselineRunId).toBe(own.id)
    expect(store.listRuns().find((run) => run.id === own.id)?.isBaseline).toBe(true)
    expect(store.listRuns().find((run) => run.id === foreign.id)?.isBaseline).toBe(false)
    expect(store.deleteRun(own.id)).toBe(true)
    expect(store.getTest(test.id)?.baselineRunId).toBeNull()
    expect(store.setBaseline(other.id, foreign.id)).toBeUndefined()
    expect(store.setBaseline(other.id, null)).toBeUndefined()
    expect(store.getTest(other.id)?.baselineRunId).toBeNull()
  })

  it('keeps at most maxRuns, deleting the earliest stored but never a baseline, and reports the size of its files', () => {
    const store = openStore()
    store.setMaxRuns(3)
    const test = store.saveTest(checkout)!
    const ids = Array.from({ length: 6 }, (_, index) => store.storeRun(appRun({ testId: test.id, startedAt: `2026-11-0${index + 1}T00:00:00.000Z` })).id)
    expect(store.listRuns().map((run) => run.id)).toEqual(ids.slice(3).reverse())
    store.setBaseline(test.id, ids[3])
    for (let index = 0; index < 3; index++) ids.push(store.storeRun(appRun({ testId: test.id })).id)
    // The baseline outlives the limit and counts toward it: it and the two latest stay.
    expect(store.listRuns().map((run) => run.id).sort((a, b) => a - b)).toEqual([ids[3], ids[7], ids[8]])
    store.setMaxRuns(1)
    expect(store.listRuns().map((run) => run.id)).toEqual([ids[3]])
    const status = store.status()
    expect(status).toMatchObject({ available: true, runCount: 1, maxRuns: 1, location: join(folder, HISTORY_FILE_NAME) })
    const files = readdirSync(folder).filter((name) => name === HISTORY_FILE_NAME || name.endsWith('-wal') || name.endsWith('-journal'))
    expect(files).toContain(HISTORY_FILE_NAME)
    expect(status.sizeBytes).toBe(files.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0))
  })

  it('keeps the limit across a restart', () => {
    let store = openStore()
    store.setMaxRuns(42)
    store.close()
    store = openStore()
    expect(store.status().maxRuns).toBe(42)
  })
})
