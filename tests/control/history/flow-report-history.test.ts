import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../src/control/history/history-store'
import { parseReportText } from '../../../src/shared/report/report-file'
import { buildRunReport } from '../../../src/shared/report/run-report'
import { parseTestFile } from '../../../src/shared/test-file'
import { flowResult } from '../../support/flow-results'
import { sqliteMissing } from '../../support/history-runs'
import { thresholdOf } from '../../support/thresholds'

// A flow's report in the run history: stored as it is, read back equal after a restart, and still a
// report the history's import and compare read.
const FLOW = `stampede: 2
name: Journey
steps:
  - name: log in
    method: POST
    url: http://127.0.0.1:9/login
    check: [status == 200]
  - name: item
    url: http://127.0.0.1:9/items
    thresholds: [p99<250ms]
load:
  iterations: 100
`

let folder: string
let store: HistoryStore | undefined

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-flow-history-'))
})

afterEach(() => {
  store?.close()
  store = undefined
  rmSync(folder, { recursive: true, force: true })
})

describe.skipIf(sqliteMissing)("a flow's run in the history", () => {
  it('comes back after a restart with its steps, iterations, checks and step thresholds as stored', () => {
    const read = parseTestFile(FLOW, 'journey.yaml')
    if (!read.ok) throw new Error(read.message)
    const { plan } = read.test
    const thresholds = [thresholdOf('checks>99%'), thresholdOf('item: p99<250ms')]
    const startedAt = '2026-12-08T01:00:00.000Z'
    const report = buildRunReport({ plan, result: flowResult(), workers: 1, thresholds, startedAt })

    store = HistoryStore.open(folder)
    const test = store.saveTest(read.test)
    if (!test) throw new Error('the test was not saved')
    const { id } = store.storeRun({ testId: test.id, startedAt, source: 'app', report, plan, thresholds: thresholds.map((threshold) => threshold.expression), histograms: {} })
    store.close()

    store = HistoryStore.open(folder)
    const stored = store.getRun(id)
    expect(stored?.report).toEqual(report)
    expect(stored?.report.steps?.map((step) => step.name)).toEqual(['log in', 'item', 'GET {{host}}/checkout'])
    expect(stored?.report.thresholds.map((threshold) => threshold.step)).toEqual([undefined, 'item'])
    expect(stored?.plan?.flow?.steps.map((step) => step.name)).toEqual(['log in', 'item'])
    expect(parseReportText(store.reportText(id) ?? '')).toEqual({ ok: true, report })
  })
})
