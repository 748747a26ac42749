import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LAST_PLAN_FILE_NAME } from '../../src/main/last-plan-file'
import { expect, test } from '../support/app-harness'
import { respondAfter, trackOutstanding } from '../support/target-server'

test('the open model for a duration sends every request due in it: 40 a second for 1.5 s is 60', async ({ app }) => {
  const server = await app.startTarget()
  const { designer } = app.ui
  await app.ui.url.fill(server.url)
  await designer.loadToggle.click()
  await designer.stopAfter('A duration').check()
  await designer.openModel.check()
  await expect(app.ui.requests).toBeHidden()
  await designer.duration.fill('1.5')
  await designer.rate.fill('40')
  await app.ui.concurrency.fill('4')
  await expect(designer.loadToggle).toContainText('open model · stops after a duration')
  await app.ui.submit.click()
  await expect(app.ui.notice).toContainText('Finished')
  // Due at 0, 25, …, 1475 ms: the engine's schedule, not the clock's luck.
  expect(server.received).toBe(60)
  await expect(app.ui.stat('2xx–3xx')).toHaveText('60')
})

test('pipelining puts several requests in flight on one connection, and the workers field splits the run between engine processes', async ({
  app
}) => {
  const tracker = trackOutstanding(respondAfter(20))
  const server = await app.startTarget(tracker.respond)
  const { designer } = app.ui
  await app.fillPlan(server.url, 200, 2)
  await designer.loadToggle.click()
  await designer.pipelining.fill('4')
  await designer.workers.fill('2')
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('200 / 200')
  expect(server.received).toBe(200)
  expect(server.peakSockets).toBe(2)
  expect(tracker.maxPerSocket).toBeGreaterThan(1)
  expect(app.enginesSpawned).toBe(2)
})

test('the last plan run is there again on a fresh page over the same data folder', async ({ app }) => {
  const server = await app.startTarget()
  const { designer } = app.ui
  await app.fillPlan(`${server.url}items?page=3`, 30, 3)
  await designer.requestToggle.click()
  await designer.method.selectOption('PATCH')
  await designer.addHeader.click()
  await designer.headerName(1).fill('X-Tenant')
  await designer.headerValue(1).fill('acme')
  await designer.bodyKind('JSON').check()
  await designer.bodyContent.fill('{"done": true}')
  await designer.timeout.fill('2500')
  await designer.loadToggle.click()
  await designer.stopAfter('Whichever comes first').check()
  await designer.duration.fill('20')
  await designer.workers.fill('1')
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('30 / 30')
  await expect(app.ui.submit).toBeEnabled()

  await app.page.reload()
  await expect(app.ui.url).toHaveValue(`${server.url}items?page=3`)
  await expect(app.ui.requests).toHaveValue('30')
  await expect(app.ui.concurrency).toHaveValue('3')
  await expect(designer.duration).toHaveValue('20')
  await expect(designer.requestToggle).toContainText('PATCH · 1 header · JSON body')
  await designer.requestToggle.click()
  await expect(designer.headerName(1)).toHaveValue('X-Tenant')
  await expect(designer.headerValue(1)).toHaveValue('acme')
  await expect(designer.headerName(2)).toHaveCount(0)
  await expect(designer.bodyContent).toHaveValue('{"done": true}')
  await expect(designer.timeout).toHaveValue('2500')
  await designer.loadToggle.click()
  await expect(designer.stopAfter('Whichever comes first')).toBeChecked()
  await expect(designer.workers).toHaveValue('1')
  await expect(app.ui.submit).toBeEnabled()
})

test('a last-plan file that is not a plan is ignored with the reason, and the form opens empty', async ({ app }) => {
  await writeFile(join(app.dataFolder, LAST_PLAN_FILE_NAME), '{"version": 1, "plan": {"url": "file:///etc/passwd"')
  await app.page.reload()
  await expect(app.page.getByText(/^The last plan was not restored: it is not valid JSON/)).toBeVisible()
  await expect(app.ui.url).toHaveValue('')
  await expect(app.ui.requests).toHaveValue('1000')
})
