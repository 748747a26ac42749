import { RecordedShop } from '../support/recorded-shop'
import { recordShopJourney } from '../support/recordings/shop-recording'
import { expect, test } from '../support/app-harness'
import type { StampedeApi } from '../../src/shared/ipc'

/**
 * A HAR dropped on the window: the review lists the steps, the hosts, the correlations and the
 * secrets; the test created from it runs, and the shop (which issues a fresh CSRF value, token,
 * session and cookie on each log-in) counts a fresh value in every later request, none recorded,
 * and nothing reaches the noise.
 */
const ITERATIONS = 3

test('a dropped HAR is reviewed, its correlations accepted, and the test it makes runs with fresh values', async ({ app }) => {
  const shop = await RecordedShop.start()
  try {
    const beacon = await app.startTarget()
    const har = JSON.stringify(await recordShopJourney(shop, beacon.url.replace(/\/$/, '')))
    const beaconBefore = beacon.received

    // Dropped as a file from the desktop is: a DataTransfer holding it, over the window, then let go.
    const transfer = await app.page.evaluateHandle((text) => {
      // The page's own DataTransfer and File: this file is compiled without the DOM's types.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } }
        File: new (parts: string[], name: string, options: { type: string }) => unknown
      }
      const data = new page.DataTransfer()
      data.items.add(new page.File([text], 'shop.har', { type: 'application/json' }))
      return data
    }, har)
    await app.page.dispatchEvent('body', 'dragover', { dataTransfer: transfer })
    await app.page.dispatchEvent('body', 'drop', { dataTransfer: transfer })

    const review = app.page.getByRole('dialog', { name: 'Import “Shop”' })
    await expect(review).toBeVisible()
    await expect(review.getByRole('list', { name: 'Steps to keep' }).getByRole('listitem')).toHaveCount(4)
    const correlations = review.getByRole('table', { name: 'Correlations' })
    await expect(correlations.getByRole('row')).toHaveCount(6)
    await expect(review.getByRole('list', { name: 'Secrets' })).toContainText('body password: STAYS IN THE FILE')
    // The beacon's host is listed, not kept; rejecting the token and accepting it again leaves it accepted.
    await expect(review.getByRole('checkbox', { name: new RegExp(`^${beacon.url.replace(/^http:\/\//, '').replace(/\/$/, '').replace(/\./g, '\\.')}`) })).not.toBeChecked()
    const token = review.getByRole('checkbox', { name: 'Accept {{token}}' })
    await token.uncheck()
    await expect(review.getByRole('list', { name: 'Steps to keep' })).not.toContainText('captures xSession, token')
    await token.check()
    await review.getByRole('button', { name: 'Create test' }).click()
    await expect(review).toBeHidden()
    await expect(app.page.getByRole('complementary', { name: 'Saved tests' })).toContainText('Imported “Shop” from shop.har.')

    // The saved test, run through the window's own bridge (the designer's Run runs flows with the window's step editor).
    shop.phase = 'run'
    const outcome = await app.page.evaluate(async (iterations) => {
      const api = (globalThis as unknown as { api: StampedeApi }).api
      const [test] = await api.listTests()
      const done = new Promise<string>((resolve) => {
        const stop = api.onDone((result) => {
          stop()
          resolve(result.outcome)
        })
      })
      const reply = await api.startRun({ ...test.plan, iterations }, [], test.id)
      if (!reply.ok) return JSON.stringify(reply)
      return done
    }, ITERATIONS)
    expect(outcome).toBe('finished')

    expect(shop.runLogins).toBe(ITERATIONS)
    for (const route of ['/login', '/api/orders', '/api/orders/:id']) {
      expect(shop.count(shop.fresh, route), route).toBe(ITERATIONS)
      expect(shop.count(shop.stale, route), route).toBe(0)
    }
    expect(shop.count(shop.runRequests, '/static')).toBe(0)
    expect(beacon.received).toBe(beaconBefore)
  } finally {
    await shop.close()
  }
})
