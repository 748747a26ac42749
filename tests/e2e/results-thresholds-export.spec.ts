import { readFileSync } from 'node:fs'
import { expect, test } from '../support/app-harness'
import { respondAfter } from '../support/target-server'

test('a threshold that cannot hold turns red while the run goes and is failed in the summary', async ({ app }) => {
  const server = await app.startTarget(respondAfter(20))
  await app.fillPlan(server.url, 400, 4)
  await app.page.getByRole('button', { name: 'Add threshold' }).click()
  const threshold = app.page.getByLabel('Threshold 1', { exact: true })
  await threshold.fill('max<fast')
  // A wrong condition is named where it was typed, and Submit stays off: nothing is sent.
  await expect(app.page.getByText(/give a time/)).toBeVisible()
  await expect(app.ui.submit).toBeDisabled()
  await threshold.fill('max<1ms')
  await app.page.getByRole('button', { name: 'Add threshold' }).click()
  await app.page.getByLabel('Threshold 2', { exact: true }).fill('error_rate<1%')
  await app.ui.submit.click()

  // Lost the moment a response takes 1 ms or more, while requests are still going.
  const tile = app.page.locator('.threshold-tile', { hasText: 'max<1ms' })
  await expect(tile).toHaveAttribute('data-status', 'failed')
  await expect(app.ui.cancel).toBeVisible()
  expect(server.received).toBeLessThan(400)

  await expect(app.ui.progressPanel).toContainText('400 / 400')
  expect(server.received).toBe(400)
  await app.page.getByRole('tab', { name: 'Summary' }).click()
  await expect(app.page.getByRole('heading', { name: 'Thresholds: 1 of 2 failed' })).toBeVisible()
  await expect(app.page.getByRole('row', { name: /max<1ms failed/ })).toBeVisible()
  await expect(app.page.getByRole('row', { name: /error_rate<1% passed 0%/ })).toBeVisible()
})

test('the exported JSON is written where the dialog pointed and counts what the server received; Markdown reaches the clipboard', async ({ app }) => {
  const server = await app.startTarget()
  await app.fillPlan(server.url, 700, 4)
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('700 / 700')
  await app.page.getByRole('tab', { name: 'Summary' }).click()

  await app.page.getByRole('button', { name: 'Export JSON' }).click()
  await expect(app.page.getByText(/^Saved the JSON report to /)).toBeVisible()
  expect(app.saveDialog.defaultNames).toEqual([expect.stringMatching(/^stampede-127\.0\.0\.1-\d{4}-\d\d-\d\dT\d\d-\d\d\.json$/)])
  expect(app.saveDialog.written).toHaveLength(1)
  const report = JSON.parse(readFileSync(app.saveDialog.written[0], 'utf8'))
  expect(report.requests.sent).toBe(server.received)
  expect(report.requests.sent).toBe(700)
  expect(report.series.points.length).toBeGreaterThan(0)

  await app.page.getByRole('button', { name: 'Copy as Markdown' }).click()
  await expect(app.page.getByText('Copied the summary as Markdown.')).toBeVisible()
  expect(app.clipboard).toHaveLength(1)
  expect(app.clipboard[0]).toContain('| 700 sent, 700 completed, 0 failed')
})
