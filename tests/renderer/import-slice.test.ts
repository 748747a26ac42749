import { describe, expect, it } from 'vitest'
import { createImportHandlers } from '../../src/main/import-handlers'
import { fakeApi, stampedeStore } from '../support/factories'
import { FakeSavedTests } from '../support/fake-saved-tests'
import { harOf } from '../support/recordings/har-builder'
import { SHOP_JOURNEY, TOKEN } from '../support/recordings/shop-journey'

/**
 * The window's import, from the file main read to the test saved: main's real handler reads the
 * dropped HAR, the store reviews it, and the saved test (as main's check keeps it) is what the
 * user's choices make.
 */
function storeForImport() {
  const main = new FakeSavedTests()
  const handlers = createImportHandlers()
  const store = stampedeStore(fakeApi({ ...main.api(), importDroppedFile: (name, text) => handlers.importDroppedFile(name, text) }))
  return { main, store }
}

const HAR = JSON.stringify(harOf('chrome', SHOP_JOURNEY))

describe('importing a dropped HAR', () => {
  it('opens the review and saves nothing until the test is created', async () => {
    const { main, store } = storeForImport()
    await store.getState().importDroppedFile('shop.har', HAR)
    expect(store.getState().importReview).toMatchObject({ file: 'shop.har', source: { format: 'har' } })
    expect(main.saved).toEqual([])
  })

  it('creates the test with every correlation accepted, saves it as a flow and opens it', async () => {
    const { main, store } = storeForImport()
    await store.getState().importDroppedFile('shop.har', HAR)
    await store.getState().createImportedTest()
    expect(store.getState().importReview).toBeUndefined()
    const [saved] = [...main.tests.values()]
    expect(saved.name).toBe('Shop')
    expect(saved.plan).toMatchObject({ concurrency: 1, iterations: 1, url: 'https://shop.example/login' })
    expect(saved.plan.flow?.steps).toHaveLength(4)
    expect(JSON.stringify(saved.plan.flow)).not.toContain(TOKEN)
    expect(store.getState().testsNote).toEqual({ tone: 'success', text: 'Imported “Shop” from shop.har.' })
    expect(store.getState().openTestId).toBe(saved.id)
  })

  it('a rejected correlation and a kept host are in the test created', async () => {
    const { main, store } = storeForImport()
    await store.getState().importDroppedFile('shop.har', HAR)
    // The log-in is the recording's eighth exchange.
    store.getState().toggleCorrelation('7:json:$.token')
    store.getState().keepImportHosts(['shop.example', 'www.google-analytics.com'])
    await store.getState().createImportedTest()
    const steps = [...main.tests.values()][0].plan.flow?.steps ?? []
    expect(steps).toHaveLength(5)
    expect(steps.flatMap((step) => step.captures.map((capture) => capture.variable))).not.toContain('token')
    expect(JSON.stringify(steps)).toContain(`Bearer ${TOKEN}`)
  })

  it('cancel closes the review and saves nothing', async () => {
    const { main, store } = storeForImport()
    await store.getState().importDroppedFile('shop.har', HAR)
    store.getState().cancelImport()
    expect(store.getState().importReview).toBeUndefined()
    expect(main.saved).toEqual([])
  })

  it("main's refusal of a dropped file is the sidebar's line", async () => {
    const { store } = storeForImport()
    await store.getState().importDroppedFile('shop.har', '{"log": {"entries": []}}')
    expect(store.getState().testsNote).toEqual({ tone: 'error', text: 'shop.har: the recording has no requests.' })
    expect(store.getState().importReview).toBeUndefined()
  })
})
