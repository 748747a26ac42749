import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HistoryStore } from '../../src/control/history/history-store'
import { readTextFile } from '../../src/control/read-text-file'
import type { FileDestinations } from '../../src/main/file-destinations'
import { createHistoryHandlers, type HistoryHandlers } from '../../src/main/history-handlers'
import { REPORT_FILE_MAX_BYTES } from '../../src/shared/report/report-file'
import { jsonOutput, reportJson } from '../../src/shared/report/run-report'
import type { TestDefinition } from '../../src/shared/saved-test'
import { appRun, sqliteMissing } from '../support/history-runs'
import { planOf } from '../support/plans'

// Main's side of the history requests over a real history file: what the page sends is checked
// before anything is stored, and a result JSON comes in only through main's own open dialog.
let folder: string
let history: HistoryStore
let handlers: HistoryHandlers
/** The file the open dialog answers with next; undefined: dismissed. */
let picked: string | undefined
const touched: string[] = []

const destinations: FileDestinations = {
  chooseOpenPath: async (filters) => {
    touched.push(`open dialog ${filters.map((filter) => filter.extensions.join()).join()}`)
    return picked
  },
  readFile: async (path, maxBytes) => {
    touched.push(`read ${path} ${maxBytes}`)
    return readTextFile(path, maxBytes)
  },
  chooseSavePath: async () => {
    throw new Error('no save dialog in these tests')
  },
  writeFile: async () => {
    throw new Error('no writes in these tests')
  },
  writeClipboard: () => Promise.reject(new Error('no clipboard in these tests'))
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stampede-history-handlers-'))
  history = HistoryStore.open(folder)
  handlers = createHistoryHandlers(history, destinations, () => new Date('2026-11-29T06:00:00.000Z'))
  picked = undefined
  touched.length = 0
})

afterEach(() => {
  history.close()
  rmSync(folder, { recursive: true, force: true })
})

const checkout: TestDefinition = {
  name: '  Checkout  ',
  plan: planOf({ url: 'http://127.0.0.1:9/checkout', totalRequests: 5, concurrency: 1 }),
  thresholds: ['p99<250ms']
}
type AnyHandler = (...args: unknown[]) => Promise<unknown>
const call = (name: keyof HistoryHandlers, ...args: unknown[]): Promise<unknown> => (handlers[name] as AnyHandler)(...args)
const BAD_IDS: unknown[] = [0, -1, 1.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, '1', null, true, [1], { id: 1 }, 10n]

describe.skipIf(sqliteMissing)('history handlers', () => {
  it('save a test trimmed and checked, replace it by id, duplicate and delete it', async () => {
    const saved = await handlers.saveTest(checkout)
    if (!saved.ok) throw new Error(saved.message)
    expect(saved.test).toMatchObject({ name: 'Checkout', plan: checkout.plan, thresholds: ['p99<250ms'] })
    expect(await handlers.saveTest({ ...checkout, id: saved.test.id, name: 'Renamed' })).toMatchObject({ ok: true, test: { id: saved.test.id, name: 'Renamed' } })
    expect(await handlers.saveTest({ ...checkout, id: 99 })).toEqual({ ok: false, message: 'There is no saved test with that id.' })
    expect(await handlers.duplicateTest(saved.test.id)).toMatchObject({ ok: true, test: { name: 'Renamed (copy)' } })
    expect((await handlers.listTests()).map((test) => test.name)).toEqual(['Renamed', 'Renamed (copy)'])
    // One name, one test: a second copy takes the next free name, and a namesake is refused, case aside.
    expect(await handlers.duplicateTest(saved.test.id)).toMatchObject({ ok: true, test: { name: 'Renamed (copy) (2)' } })
    expect(await handlers.saveTest({ ...checkout, name: ' renamed (COPY) ' })).toEqual({
      ok: false,
      message: 'A test named Renamed (copy) already exists: choose another name.'
    })
    expect(await handlers.saveTest({ ...checkout, id: saved.test.id, name: 'renamed' })).toMatchObject({ ok: true, test: { name: 'renamed' } })
    expect(await handlers.deleteTest(saved.test.id)).toEqual({ ok: true })
    expect(await handlers.deleteTest(saved.test.id)).toEqual({ ok: false, message: 'There is no saved test with that id.' })
  })

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'Checkout', /an object with a name/],
    ['no name', { ...checkout, name: '   ' }, /Give the test a name/],
    ['a long name', { ...checkout, name: 'x'.repeat(121) }, /at most 120/],
    ['a bad plan', { ...checkout, plan: { url: 'file:///etc/passwd', totalRequests: 1, concurrency: 1 } }, /./],
    ['a bad threshold', { ...checkout, thresholds: ['p99=1'] }, /Threshold refused/],
    ['a bad id', { ...checkout, id: -3 }, /positive whole number/],
    ['an id as text', { ...checkout, id: '1' }, /positive whole number/]
  ])('refuse a test with %s, saying why, and store nothing', async (_label, test, message) => {
    expect(await handlers.saveTest(test)).toMatchObject({ ok: false, message: expect.stringMatching(message) })
    expect(await handlers.listTests()).toEqual([])
  })

  it('refuse ids that are not positive whole numbers, changing nothing', async () => {
    const run = history.storeRun(appRun())
    for (const id of BAD_IDS) {
      expect(await call('duplicateTest', id)).toMatchObject({ ok: false })
      expect(await call('deleteTest', id)).toMatchObject({ ok: false })
      expect(await call('deleteRun', id)).toMatchObject({ ok: false })
      expect(await call('setBaseline', id, run.id)).toMatchObject({ ok: false })
      await expect(call('getRun', id)).rejects.toThrow(/positive whole number/)
      if (id !== undefined) await expect(call('listRuns', id)).rejects.toThrow(/positive whole number/)
    }
    expect(await handlers.listRuns()).toHaveLength(1)
  })

  it('set a baseline only for a run of that test, and clear it with null', async () => {
    const saved = await handlers.saveTest(checkout)
    if (!saved.ok) throw new Error(saved.message)
    const own = history.storeRun(appRun({ testId: saved.test.id }))
    const unfiled = history.storeRun(appRun())
    expect(await handlers.setBaseline(saved.test.id, unfiled.id)).toEqual({ ok: false, message: 'Only a run of this test can be its baseline.' })
    expect(await handlers.setBaseline(saved.test.id, 'latest')).toMatchObject({ ok: false })
    expect(await handlers.setBaseline(saved.test.id, own.id)).toEqual({ ok: true })
    expect((await handlers.listRuns(saved.test.id))[0]).toMatchObject({ id: own.id, isBaseline: true })
    expect(await handlers.setBaseline(saved.test.id, null)).toEqual({ ok: true })
    expect((await handlers.listTests())[0].baselineRunId).toBeNull()
  })

  it.each([0, 100_001, 1.5, -5, '10', null, Number.NaN])('refuse %j runs to keep, and keep the limit', async (count) => {
    expect(await call('setMaxRuns', count)).toEqual({ ok: false, message: 'Keep from 1 to 100,000 runs.' })
    expect((await handlers.historyStatus()).maxRuns).toBe(1000)
  })

  it('set the limit and prune at once', async () => {
    for (let index = 0; index < 3; index++) history.storeRun(appRun())
    expect(await handlers.setMaxRuns(2)).toMatchObject({ ok: true, status: { runCount: 2, maxRuns: 2 } })
  })

  it('refuse stray arguments', async () => {
    await expect(call('listTests', 1)).rejects.toThrow(/takes 0 argument/)
    await expect(call('listRuns', undefined, 1)).rejects.toThrow(/takes 1 argument/)
    await expect(call('setBaseline', 1, 1, 1)).rejects.toThrow(/takes 2 argument/)
    await expect(call('importRunFile', '/etc/passwd')).rejects.toThrow(/takes 0 argument/)
    expect(touched).toEqual([])
  })
})

describe.skipIf(sqliteMissing)('importRunFile', () => {
  const write = (name: string, text: string): string => {
    const path = join(folder, name)
    writeFileSync(path, text)
    return path
  }

  it.each([
    ["the CLI's --json line", (report: ReturnType<typeof appRun>['report']) => `${JSON.stringify(jsonOutput(report))}\n`],
    ['the exported report JSON', reportJson]
  ])('stores %s picked in the dialog, with its figures, under no test', async (_label, text) => {
    const { report } = appRun({ startedAt: '2026-10-01T12:00:00.000Z' })
    picked = write('ci-run.json', text(report))
    const reply = await handlers.importRunFile()
    if (!reply.ok || !reply.run) throw new Error(JSON.stringify(reply))
    expect(reply.run).toMatchObject({
      testId: null,
      source: 'import',
      startedAt: '2026-10-01T12:00:00.000Z',
      url: report.url,
      rps: report.rps,
      p99Ms: report.latencyMs.p99,
      errorRate: report.errorRate,
      thresholdsPassed: false
    })
    expect(await handlers.getRun(reply.run.id)).toMatchObject({ plan: null, thresholds: ['p99<5ms', 'error_rate<50%'], report: JSON.parse(text(report)) })
    expect(touched).toEqual(['open dialog json', `read ${picked} ${REPORT_FILE_MAX_BYTES}`])
  })

  it('dates a report without a start by when it was imported', async () => {
    const { startedAt: _startedAt, ...report } = appRun().report
    picked = write('undated.json', JSON.stringify(report))
    expect(await handlers.importRunFile()).toMatchObject({ ok: true, run: { startedAt: '2026-11-29T06:00:00.000Z' } })
  })

  it('stores nothing when the dialog is dismissed', async () => {
    expect(await handlers.importRunFile()).toEqual({ ok: true })
    expect(await handlers.listRuns()).toEqual([])
  })

  it.each([
    ['not JSON', 'notes.json', () => '{"url": '],
    ['JSON but no report', 'package.json', () => '{"name": "stampede"}']
  ])('refuses a file that is %s, naming it, and stores nothing', async (_label, name, text) => {
    picked = write(name, text())
    const reply = await handlers.importRunFile()
    expect(reply).toMatchObject({ ok: false, message: expect.stringContaining(`${name} is not a Stampede result`) })
    expect(await handlers.listRuns()).toEqual([])
  })

  it('refuses a file larger than the cap unread, naming it', async () => {
    picked = write('huge.json', '')
    truncateSync(picked, REPORT_FILE_MAX_BYTES + 1)
    expect(await handlers.importRunFile()).toMatchObject({ ok: false, message: expect.stringMatching(/^huge\.json could not be read: .* 67\.1 MB/) })
    expect(await handlers.listRuns()).toEqual([])
  })
})
