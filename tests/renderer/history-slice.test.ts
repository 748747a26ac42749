import { describe, expect, it } from 'vitest'
import { selectCanCompareChecked, selectComparedRuns, selectOpenedRun } from '../../src/renderer/src/history/history-selectors'
import type { StampedeApi } from '../../src/shared/ipc'
import { fakeApi, stampedeStore } from '../support/factories'
import { FakeRunHistory, HISTORY_PLAN } from '../support/fake-run-history'
import { FakeSavedTests } from '../support/fake-saved-tests'
import { planOf } from '../support/plans'

function historyStore(history: FakeRunHistory, overrides: Partial<StampedeApi> = {}) {
  return stampedeStore(fakeApi({ ...history.api(), ...overrides }))
}

describe('the history list', () => {
  it('lists every run, newest first, when no test is open', async () => {
    const history = new FakeRunHistory()
    const older = history.add({ testId: 1, testName: 'checkout' })
    const newer = history.add()
    const store = historyStore(history)
    await store.getState().refreshHistory()
    expect(store.getState().historyRuns.map((run) => run.id)).toEqual([newer.id, older.id])
    expect(history.requests).toContainEqual(['listRuns'])
    expect(store.getState().historyStatus?.runCount).toBe(2)
  })

  it('lists only the open test’s runs under "This test", and all of them under "All runs"', async () => {
    const history = new FakeRunHistory()
    const ofTest = history.add({ testId: 7, testName: 'checkout' })
    history.add({ testId: 8, testName: 'search' })
    const store = historyStore(history)
    store.setState({ openTestId: 7 })
    await store.getState().refreshHistory()
    expect(store.getState().historyRuns.map((run) => run.id)).toEqual([ofTest.id])
    expect(history.requests.at(-1)).toEqual(['listRuns', 7])
    store.getState().showHistoryScope('all')
    await store.getState().refreshHistory()
    expect(store.getState().historyRuns).toHaveLength(2)
  })

  it('says why when the list cannot be read, and keeps the runs it had', async () => {
    const history = new FakeRunHistory()
    history.add()
    let locked = false
    const listRuns = history.api().listRuns
    const store = historyStore(history, {
      listRuns: async (...args) => {
        if (locked) throw new Error('database is locked')
        return listRuns(...args)
      }
    })
    await store.getState().refreshHistory()
    locked = true
    await store.getState().refreshHistory()
    expect(store.getState().historyNotice).toEqual({ tone: 'error', text: 'Could not read the history: database is locked' })
    expect(store.getState().historyRuns).toHaveLength(1)
  })
})

describe('compare', () => {
  it('needs exactly two ticked runs; a third tick replaces the first', () => {
    const store = historyStore(new FakeRunHistory())
    const { toggleRunChecked } = store.getState()
    toggleRunChecked(1)
    expect(selectCanCompareChecked(store.getState())).toBe(false)
    toggleRunChecked(2)
    expect(selectCanCompareChecked(store.getState())).toBe(true)
    toggleRunChecked(3)
    expect(store.getState().checkedRunIds).toEqual([2, 3])
    toggleRunChecked(3)
    expect(store.getState().checkedRunIds).toEqual([2])
  })

  it('takes the older run as the base, whichever was ticked first, fetching each run once', async () => {
    const history = new FakeRunHistory()
    const older = history.add({ startedAt: '2026-11-29T05:00:00.000Z' })
    const newer = history.add({ startedAt: '2026-11-29T06:00:00.000Z' })
    const store = historyStore(history)
    await store.getState().compareRuns(newer.id, older.id)
    expect(store.getState().historyPage).toEqual({ kind: 'compare', baseId: older.id, nextId: newer.id })
    expect(selectComparedRuns(store.getState())).toEqual([older, newer])
    await store.getState().compareRuns(older.id, newer.id)
    expect(history.requests.filter(([name]) => name === 'getRun')).toHaveLength(2)
  })

  it('compares a run with its test’s baseline', async () => {
    const history = new FakeRunHistory()
    const baseline = history.add({ testId: 3, testName: 'checkout' })
    const other = history.add({ testId: 4, testName: 'search' })
    const latest = history.add({ testId: 3, testName: 'checkout' })
    const store = historyStore(history)
    await store.getState().setBaselineRun(3, baseline.id)
    expect(store.getState().historyRuns.find((run) => run.id === baseline.id)?.isBaseline).toBe(true)
    await store.getState().compareWithBaseline(latest.id)
    expect(store.getState().historyPage).toEqual({ kind: 'compare', baseId: baseline.id, nextId: latest.id })
    await store.getState().compareWithBaseline(other.id)
    expect(store.getState().historyNotice?.text).toMatch(/no baseline/)
  })

  it('says so when a run is gone from the history', async () => {
    const history = new FakeRunHistory()
    const run = history.add()
    const store = historyStore(history)
    await store.getState().compareRuns(run.id, 99)
    expect(store.getState().historyPage).toEqual({ kind: 'list' })
    expect(store.getState().historyNotice?.text).toBe('Run 99 is no longer in the history.')
  })
})

describe('a stored run', () => {
  it('opens whole, from main', async () => {
    const history = new FakeRunHistory()
    const run = history.add()
    const store = historyStore(history)
    await store.getState().openStoredRun(run.id)
    expect(selectOpenedRun(store.getState())).toBe(run)
    store.getState().showHistoryList()
    expect(selectOpenedRun(store.getState())).toBeUndefined()
  })

  it('is deleted only once confirmed, and the list is read again', async () => {
    const history = new FakeRunHistory()
    const run = history.add()
    const store = historyStore(history)
    await store.getState().refreshHistory()
    store.getState().askToDeleteRun(run.id)
    expect(store.getState().deleteAskedFor).toBe(run.id)
    expect(history.runs.has(run.id)).toBe(true)
    await store.getState().deleteStoredRun(run.id)
    expect(history.requests).toContainEqual(['deleteRun', run.id])
    expect(store.getState().historyRuns).toEqual([])
    expect(store.getState().deleteAskedFor).toBeUndefined()
  })

  it('shows main’s refusal of a delete', async () => {
    const store = historyStore(new FakeRunHistory())
    await store.getState().deleteStoredRun(42)
    expect(store.getState().historyNotice).toEqual({ tone: 'error', text: 'No run 42.' })
  })

  it('runs again with its own plan and thresholds, loaded into the designer', async () => {
    const history = new FakeRunHistory()
    const plan = planOf({ url: 'http://127.0.0.1:9000/again', totalRequests: 30, concurrency: 3 })
    const run = history.add({ plan, thresholds: ['p99<250ms'] })
    const started: unknown[][] = []
    const store = historyStore(history, {
      startRun: async (...args) => {
        started.push(args)
        return { ok: true, runId: 5 }
      }
    })
    store.getState().showMainView('history')
    await store.getState().rerunStoredRun(run.id)
    expect(started).toHaveLength(1)
    expect(started[0][0]).toEqual(plan)
    expect(started[0][1]).toEqual(['p99<250ms'])
    expect(store.getState().fields.url).toBe('http://127.0.0.1:9000/again')
    expect(store.getState().thresholdRows.map((row) => row.text)).toEqual(['p99<250ms'])
    expect(store.getState().mainView).toBe('designer')
  })

  it('of a saved test runs again filed under that test, which the designer opens', async () => {
    const tests = new FakeSavedTests()
    const test = tests.add('checkout', HISTORY_PLAN)
    const history = new FakeRunHistory()
    const run = history.add({ testId: test.id, testName: 'checkout' })
    const started: unknown[][] = []
    const store = stampedeStore(
      fakeApi({
        ...tests.api(),
        ...history.api(),
        startRun: async (...args) => {
          started.push(args)
          return { ok: true, runId: 5 }
        }
      })
    )
    await store.getState().loadTests()
    await store.getState().rerunStoredRun(run.id)
    expect(store.getState().openTestId).toBe(test.id)
    expect(started[0][2]).toBe(test.id)
  })

  it('imported, cannot run again (a report has no header values or body), and nothing starts', async () => {
    const history = new FakeRunHistory()
    const run = history.add({ source: 'import' })
    let starts = 0
    const store = historyStore(history, {
      startRun: async () => {
        starts++
        return { ok: true, runId: 1 }
      }
    })
    await store.getState().rerunStoredRun(run.id)
    expect(starts).toBe(0)
    expect(store.getState().historyNotice?.text).toMatch(/imported run has no plan/)
  })
})

describe('import', () => {
  it('shows main’s message when the file is refused', async () => {
    const history = new FakeRunHistory()
    history.importReply = () => ({ ok: false, message: 'results.json: line 3: not a run report.' })
    const store = historyStore(history)
    await store.getState().importRunFile()
    expect(store.getState().historyNotice).toEqual({ tone: 'error', text: 'results.json: line 3: not a run report.' })
  })

  it('reads the list again after an import, and does nothing when the dialog was dismissed', async () => {
    const history = new FakeRunHistory()
    const store = historyStore(history)
    await store.getState().importRunFile()
    expect(store.getState().historyNotice).toBeUndefined()
    expect(history.requests.filter(([name]) => name === 'listRuns')).toHaveLength(0)
    history.importReply = () => {
      const { report: _report, plan: _plan, thresholds: _thresholds, ...summary } = history.add({ source: 'import' })
      return { ok: true, run: summary }
    }
    store.setState({ openTestId: 2 })
    await store.getState().importRunFile()
    // Listed although a test is open: the list turned to all runs.
    expect(store.getState().historyScope).toBe('all')
    expect(store.getState().historyRuns.map((run) => run.source)).toEqual(['import'])
    expect(store.getState().historyNotice?.tone).toBe('success')
  })
})

describe('how many runs are kept', () => {
  it('judges the number where it is typed, and sends nothing while it is wrong', async () => {
    const history = new FakeRunHistory()
    const store = historyStore(history)
    await store.getState().refreshHistory()
    expect(store.getState().maxRunsText).toBe('1000')
    store.getState().editMaxRuns('0')
    expect(store.getState().maxRunsMessage).toBe('Keep from 1 to 100,000 runs.')
    await store.getState().saveMaxRuns()
    expect(history.requests.some(([name]) => name === 'setMaxRuns')).toBe(false)
    store.getState().editMaxRuns('50')
    expect(store.getState().maxRunsMessage).toBeUndefined()
    await store.getState().saveMaxRuns()
    expect(history.requests).toContainEqual(['setMaxRuns', 50])
    expect(store.getState().historyStatus?.maxRuns).toBe(50)
  })

  it('keeps a number typed but not applied when the list is read again', async () => {
    const history = new FakeRunHistory()
    const store = historyStore(history)
    await store.getState().refreshHistory()
    store.getState().editMaxRuns('25')
    history.maxRuns = 700
    await store.getState().refreshHistory()
    expect(store.getState().maxRunsText).toBe('25')
    // Typed back to the stored setting, it follows the next reading again.
    store.getState().editMaxRuns('700')
    history.maxRuns = 800
    await store.getState().refreshHistory()
    expect(store.getState().maxRunsText).toBe('800')
  })

  it('shows main’s refusal where it was typed', async () => {
    const store = historyStore(new FakeRunHistory(), { setMaxRuns: async () => ({ ok: false, message: 'The history is unavailable.' }) })
    store.getState().editMaxRuns('10')
    await store.getState().saveMaxRuns()
    expect(store.getState().maxRunsMessage).toBe('The history is unavailable.')
  })
})
