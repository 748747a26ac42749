import { expect, test } from '../support/app-harness'
import { startCannedTarget } from '../support/canned-target'
import { respondAfter } from '../support/target-server'

/** The defects a first-time user hit (issue 22), each in the state that showed it. */

test('a shape of connections from 0 shows time progress against its length, and the notice gives the real count', async ({ app }) => {
  const server = await app.startTarget(respondAfter(5))
  const { designer } = app.ui
  await app.ui.url.fill(server.url)
  await designer.loadToggle.click()
  await designer.shaped.check()
  await expect(app.ui.concurrency).toHaveValue('0')
  // 0 -> 2 connections over 1.5 s: the clock ends the run, not a count.
  await designer.stageDuration(1).fill('1.5')
  await designer.stageTarget(1).fill('2')
  await app.ui.submit.click()

  await expect(app.ui.progressPanel).toContainText('/ 1.50 s')
  await expect(app.ui.notice).toContainText('Finished', { timeout: 30_000 })
  expect(server.received).toBeGreaterThan(0)
  await expect(app.ui.notice).toContainText(`Finished ${server.received.toLocaleString('en-US')} requests in `)
  await expect(app.ui.progressPanel).toContainText('100.0%')
  await expect(app.ui.progressPanel).not.toContainText('/ 0')
})

test('the Active connections axis of a one-connection run labels whole connections, each once', async ({ app }) => {
  const server = await app.startTarget(respondAfter(10))
  await app.fillPlan(server.url, 60, 1)
  await app.ui.submit.click()
  await expect(app.ui.notice).toContainText('Finished 60 requests')
  expect(server.received).toBe(60)
  const canvas = app.page.getByRole('figure', { name: 'Active connections' }).locator('.chart-canvas')
  await expect(canvas).not.toHaveAttribute('data-points', '0')
  // Was "0, 1, 1" (0, 0.5 and 1 rounded alike): a count has no fractional ticks.
  await expect(canvas).toHaveAttribute('data-y-labels', '0, 1')
})

test('the Tests sidebar stays at the top of the page, under the header, while a page longer than the window is read', async ({ app }) => {
  const server = await app.startTarget()
  await app.fillPlan(server.url, 50, 2)
  await app.ui.submit.click()
  await expect(app.ui.notice).toContainText('Finished 50 requests')
  await app.page.getByRole('tab', { name: 'Summary' }).click()
  await expect(app.page.getByRole('button', { name: 'Export JSON' })).toBeVisible()
  const page = app.page
  const viewport = page.viewportSize()
  if (!viewport) throw new Error('The page has no viewport.')
  expect(Number(await page.evaluate('document.documentElement.scrollHeight'))).toBeGreaterThan(viewport.height)

  const sidebar = page.getByRole('complementary', { name: 'Saved tests' })
  const header = page.locator('.app-header')
  // Where each lies on the page (not in the window): the box's top plus the scroll.
  const onPage = async (element: typeof sidebar): Promise<number> => {
    const box = await element.boundingBox()
    if (!box) throw new Error('Not laid out.')
    return box.y + Number(await page.evaluate('window.scrollY'))
  }
  const headerBottom = (await onPage(header)) + ((await header.boundingBox())?.height ?? 0)
  const atTop = await onPage(sidebar)
  expect(atTop - headerBottom).toBeLessThan(40)
  // Scrolled to the Summary's end, the sidebar was drawn beside it, halfway down the page, with the header gone.
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)')
  await expect.poll(async () => Number(await page.evaluate('window.scrollY'))).toBeGreaterThan(0)
  expect(await onPage(sidebar)).toBe(atTop)
})

test('at the default width the History table fits: Import result JSON is whole and the view switch lines up with the content', async ({ app }) => {
  const server = await app.startTarget()
  await app.fillPlan(server.url, 20, 2)
  await app.ui.submit.click()
  await expect(app.ui.notice).toContainText('Finished 20 requests')
  const page = app.page
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click()
  const history = page.getByRole('region', { name: 'Run history' })
  await expect(history.getByRole('button', { name: 'Open', exact: true })).toBeVisible()

  const viewport = page.viewportSize()
  if (!viewport) throw new Error('The page has no viewport.')
  const box = async (locator: ReturnType<typeof page.locator>) => {
    const found = await locator.boundingBox()
    if (!found) throw new Error('Not laid out.')
    return { left: found.x, right: found.x + found.width }
  }
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(viewport.width)
  const panel = await box(history)
  const importButton = await box(history.getByRole('button', { name: 'Import result JSON…' }))
  expect(importButton.right).toBeLessThanOrEqual(panel.right)
  expect(panel.right).toBeLessThanOrEqual(viewport.width)
  // Every column in view without scrolling the table sideways.
  const table = history.getByRole('table')
  expect(await table.evaluate((element) => element.getBoundingClientRect().right)).toBeLessThanOrEqual(panel.right)
  const views = await box(page.getByRole('navigation', { name: 'Views' }))
  expect(Math.abs(views.right - panel.right)).toBeLessThanOrEqual(1)
})

test('the Outcomes tiles show a six-digit count whole at the default width', async ({ app }) => {
  test.setTimeout(120_000)
  const target = await startCannedTarget()
  try {
    await app.fillPlan(target.url, 100_000, 16)
    await app.ui.submit.click()
    await expect(app.ui.notice).toContainText('Finished 100,000 requests', { timeout: 100_000 })
    expect(target.received).toBe(100_000)
    const ok = app.ui.stat('2xx–3xx')
    // Was cut to "100,00" by the tile's edge.
    await expect(ok).toHaveText('100,000')
    for (const label of ['2xx–3xx', '4xx–5xx', 'Failed']) {
      const clipped = await app.ui.stat(label).evaluate((figure) => {
        const tile = figure.parentElement?.getBoundingClientRect()
        const text = figure.ownerDocument.createRange()
        text.selectNodeContents(figure)
        const drawn = text.getBoundingClientRect()
        return figure.scrollWidth > figure.clientWidth || (tile !== undefined && drawn.right > tile.right)
      })
      expect(clipped, label).toBe(false)
    }
  } finally {
    await target.close()
  }
})
