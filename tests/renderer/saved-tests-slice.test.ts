import { describe, expect, it } from 'vitest'
import type { StampedeStore } from '../../src/renderer/src/app/stampede-store'
import { selectFieldMessage } from '../../src/renderer/src/plan/plan-selectors'
import {
  selectOpenTest,
  selectOpenTestIsModified,
  selectPendingOpenTest
} from '../../src/renderer/src/saved-tests/saved-tests-selectors'
import type { StampedeApi } from '../../src/shared/ipc'
import { TEST_NAME_MAX_LENGTH } from '../../src/shared/test-name'
import { fakeApi, result, stampedeStore } from '../support/factories'
import { FakeSavedTests } from '../support/fake-saved-tests'
import { planOf } from '../support/plans'

const CHECKOUT_PLAN = planOf({ url: 'http://127.0.0.1:8080/checkout', totalRequests: 50, concurrency: 5 })
const SEARCH_PLAN = planOf({ url: 'http://127.0.0.1:8080/search', method: 'POST', body: 'q=1', durationMs: 2000, concurrency: 3 })

/** A store over an in-memory main holding the given tests. */
function storeWithTests(overrides: Partial<StampedeApi> = {}) {
  const main = new FakeSavedTests()
  const store = stampedeStore(fakeApi({ ...main.api(), ...overrides }))
  return { main, store }
}

function typePlan(store: StampedeStore, url = 'http://127.0.0.1:9000/typed', thresholds: string[] = []): void {
  store.getState().editField('url', url)
  store.getState().editField('totalRequests', '30')
  store.getState().loadThresholds(thresholds)
}

async function openedTest(store: StampedeStore, testId: number): Promise<void> {
  await store.getState().loadTests()
  store.getState().requestOpenTest(testId)
}

describe('createTest', () => {
  it("saves the designer's plan and thresholds under the trimmed name, opens it, and lists it", async () => {
    const { main, store } = storeWithTests()
    typePlan(store, 'http://127.0.0.1:9000/typed', ['p99<250ms', ' '])
    expect(await store.getState().createTest('  Typed  ')).toEqual({ ok: true })
    const [saved] = main.tests.values()
    expect(saved).toMatchObject({ name: 'Typed', thresholds: ['p99<250ms'] })
    expect(saved.plan).toMatchObject({ url: 'http://127.0.0.1:9000/typed', totalRequests: 30 })
    expect(store.getState().openTestId).toBe(saved.id)
    expect(store.getState().savedTests.map((test) => test.name)).toEqual(['Typed'])
    expect(selectOpenTestIsModified(store.getState())).toBe(false)
  })

  it('refuses an empty, a too long and a taken name where typed, sending nothing', async () => {
    const { main, store } = storeWithTests()
    main.add('Checkout', CHECKOUT_PLAN)
    await store.getState().loadTests()
    typePlan(store)
    expect(await store.getState().createTest('   ')).toEqual({ ok: false, message: 'Give the test a name.' })
    expect(await store.getState().createTest('x'.repeat(TEST_NAME_MAX_LENGTH + 1))).toMatchObject({ ok: false, message: /at most/ })
    expect(await store.getState().createTest('checkout ')).toEqual({ ok: false, message: 'A test named “Checkout” already exists.' })
    expect(main.saved).toEqual([])
    expect(store.getState().openTestId).toBeNull()
  })

  it('refuses a plan the form refuses: says so, marks the form, saves nothing', async () => {
    const { main, store } = storeWithTests()
    store.getState().editField('url', 'not a url')
    const change = await store.getState().createTest('Broken')
    expect(change).toMatchObject({ ok: false, message: /plan has mistakes/ })
    expect(selectFieldMessage('url')(store.getState())).toBeTruthy()
    expect(main.saved).toEqual([])
  })
})

describe('opening a test', () => {
  it('fills the plan form and the thresholds with what the test saved', async () => {
    const { main, store } = storeWithTests()
    const search = main.add('Search', SEARCH_PLAN, ['p99<80ms', 'error_rate<1%'])
    await openedTest(store, search.id)
    const state = store.getState()
    expect(state.openTestId).toBe(search.id)
    expect(state.fields).toMatchObject({ url: SEARCH_PLAN.url, method: 'POST', body: 'q=1', stopAfter: 'duration', duration: '2' })
    expect(state.thresholdRows.map((row) => row.text)).toEqual(['p99<80ms', 'error_rate<1%'])
    // The form sends a text body with its Content-Type: not a change the user made.
    expect(selectOpenTestIsModified(state)).toBe(false)
  })

  it('asks before leaving unsaved changes: No keeps them, Yes opens the other test', async () => {
    const { main, store } = storeWithTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    const search = main.add('Search', SEARCH_PLAN)
    await openedTest(store, checkout.id)
    store.getState().editField('concurrency', '9')
    expect(selectOpenTestIsModified(store.getState())).toBe(true)

    store.getState().requestOpenTest(search.id)
    expect(selectPendingOpenTest(store.getState())?.name).toBe('Search')
    store.getState().cancelOpenTest()
    expect(store.getState().openTestId).toBe(checkout.id)
    expect(store.getState().fields.concurrency).toBe('9')

    store.getState().requestOpenTest(search.id)
    store.getState().confirmOpenTest()
    expect(store.getState().openTestId).toBe(search.id)
    expect(store.getState().pendingOpenTestId).toBeNull()
    expect(store.getState().fields.url).toBe(SEARCH_PLAN.url)
  })

  it('counts a form with mistakes, or changed thresholds, as unsaved changes; typing it back is none', async () => {
    const { main, store } = storeWithTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN, ['p99<250ms'])
    await openedTest(store, checkout.id)
    store.getState().editField('url', '')
    expect(selectOpenTestIsModified(store.getState())).toBe(true)
    store.getState().editField('url', CHECKOUT_PLAN.url)
    expect(selectOpenTestIsModified(store.getState())).toBe(false)
    store.getState().loadThresholds(['p99<300ms'])
    expect(selectOpenTestIsModified(store.getState())).toBe(true)
  })

  it('waits while a run goes (the form is read-only then)', async () => {
    const { main, store } = storeWithTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    await store.getState().loadTests()
    store.setState({ phase: 'running' })
    store.getState().requestOpenTest(checkout.id)
    expect(store.getState().openTestId).toBeNull()
  })

  it('is not undone by the remembered plan arriving late', async () => {
    const main = new FakeSavedTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    const store = stampedeStore(fakeApi({ ...main.api(), loadLastPlan: async () => ({ plan: SEARCH_PLAN }) }))
    await openedTest(store, checkout.id)
    await store.getState().restoreLastPlan()
    expect(store.getState().fields.url).toBe(CHECKOUT_PLAN.url)
  })
})

describe('changing tests', () => {
  it('saves the designer over the open test with its id', async () => {
    const { main, store } = storeWithTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    await openedTest(store, checkout.id)
    store.getState().editField('concurrency', '7')
    await store.getState().saveOpenTest()
    expect(main.saved).toEqual([expect.objectContaining({ id: checkout.id, name: 'Checkout' })])
    expect(main.tests.get(checkout.id)?.plan.concurrency).toBe(7)
    expect(selectOpenTestIsModified(store.getState())).toBe(false)
    expect(store.getState().openTestNote).toEqual({ tone: 'success', text: 'Saved “Checkout”.' })
  })

  it('renames a test keeping what it saved, whatever the designer shows', async () => {
    const { main, store } = storeWithTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    const search = main.add('Search', SEARCH_PLAN)
    await openedTest(store, search.id)
    store.getState().editField('url', 'http://127.0.0.1:1/elsewhere')
    expect(await store.getState().renameTest(checkout.id, 'Search')).toMatchObject({ ok: false, message: /already exists/ })
    expect(await store.getState().renameTest(checkout.id, 'Pay')).toEqual({ ok: true })
    expect(main.tests.get(checkout.id)).toMatchObject({ name: 'Pay', plan: CHECKOUT_PLAN })
    expect(store.getState().savedTests.map((test) => test.name)).toEqual(['Pay', 'Search'])
  })

  it('duplicates and deletes; deleting the open test leaves its plan in the designer, opened by none', async () => {
    const { main, store } = storeWithTests()
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    await openedTest(store, checkout.id)
    await store.getState().duplicateTest(checkout.id)
    expect(store.getState().savedTests.map((test) => test.name)).toEqual(['Checkout', 'Checkout (copy)'])
    await store.getState().deleteTest(checkout.id)
    expect(store.getState().openTestId).toBeNull()
    expect(store.getState().fields.url).toBe(CHECKOUT_PLAN.url)
    expect(store.getState().savedTests.map((test) => test.name)).toEqual(['Checkout (copy)'])
  })

  it("shows main's refusal in the sidebar", async () => {
    const { store } = storeWithTests({ deleteTest: async () => ({ ok: false, message: 'The history is locked.' }) })
    await store.getState().deleteTest(4)
    expect(store.getState().testsNote).toEqual({ tone: 'error', text: 'The history is locked.' })
  })
})

describe('runs of the open test', () => {
  it("file the run under the open test, unsaved changes included, and under none when none is open", async () => {
    const started: unknown[][] = []
    const { main, store } = storeWithTests({
      startRun: async (...args) => {
        started.push(args)
        return { ok: true, runId: started.length }
      }
    })
    typePlan(store)
    await store.getState().submitRun()
    store.getState().applyResult(result({ runId: 1 }))
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    await openedTest(store, checkout.id)
    store.getState().editField('concurrency', '2')
    await store.getState().submitRun()
    expect(started[0][2]).toBeUndefined()
    expect(started[1][2]).toBe(checkout.id)
    expect((started[1][0] as { concurrency: number }).concurrency).toBe(2)
  })

  it('lists the tests anew when the run ends', async () => {
    const { main, store } = storeWithTests()
    typePlan(store)
    await store.getState().submitRun()
    main.add('Made elsewhere', CHECKOUT_PLAN)
    store.getState().applyResult(result({ runId: 1 }))
    await expect.poll(() => store.getState().savedTests.length).toBe(1)
  })
})

describe('test files', () => {
  it('imports a file as a new test, a taken name getting " (2)", and opens it', async () => {
    const main = new FakeSavedTests()
    main.add('Checkout', SEARCH_PLAN)
    const store = stampedeStore(
      fakeApi({
        ...main.api(),
        importTestFile: async () => ({ ok: true, test: { name: 'Checkout', plan: CHECKOUT_PLAN, thresholds: ['p99<1s'] }, file: '/tmp/checkout.yaml' })
      })
    )
    await store.getState().loadTests()
    await store.getState().importTestFile()
    const imported = selectOpenTest(store.getState())
    expect(imported).toMatchObject({ name: 'Checkout (2)', plan: CHECKOUT_PLAN, thresholds: ['p99<1s'] })
    expect(store.getState().fields.url).toBe(CHECKOUT_PLAN.url)
    expect(store.getState().testsNote).toEqual({ tone: 'success', text: 'Imported “Checkout (2)” from /tmp/checkout.yaml.' })
  })

  it("shows a bad file's message in the sidebar and saves nothing; a dismissed dialog says nothing", async () => {
    let reply: Awaited<ReturnType<StampedeApi['importTestFile']>> = { ok: false, message: '/tmp/bad.yaml, line 3: concurrency must be a number.' }
    const { main, store } = storeWithTests({ importTestFile: async () => reply })
    await store.getState().importTestFile()
    expect(store.getState().testsNote).toEqual({ tone: 'error', text: '/tmp/bad.yaml, line 3: concurrency must be a number.' })
    store.getState().dismissTestsNote()
    reply = { ok: true }
    await store.getState().importTestFile()
    expect(store.getState().testsNote).toBeUndefined()
    expect(main.saved).toEqual([])
  })

  it('exports the open test as the designer shows it and names the file written', async () => {
    const exported: unknown[] = []
    const { main, store } = storeWithTests({
      exportTestFile: async (test) => {
        exported.push(test)
        return { ok: true, saved: '/tmp/Checkout.yaml' }
      }
    })
    const checkout = main.add('Checkout', CHECKOUT_PLAN)
    await openedTest(store, checkout.id)
    store.getState().loadThresholds(['rps>10'])
    await store.getState().exportOpenTest()
    expect(exported).toEqual([{ name: 'Checkout', plan: CHECKOUT_PLAN, thresholds: ['rps>10'] }])
    expect(store.getState().openTestNote).toEqual({ tone: 'success', text: 'Saved to /tmp/Checkout.yaml' })
  })
})
