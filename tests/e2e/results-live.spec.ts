import { expect, test } from '../support/app-harness'
import { respondAfter } from '../support/target-server'

test('the charts draw and grow while a run goes, and the final tiles match the server', async ({ app }) => {
  const server = await app.startTarget(respondAfter(5))
  await app.fillPlan(server.url, 3000, 4)
  await app.ui.submit.click()

  const throughput = app.page.getByRole('figure', { name: 'Requests per second' }).locator('.chart-canvas')
  await expect(app.page.getByRole('figure', { name: 'Latency' }).locator('canvas')).toHaveCount(1)
  // The series grows while the run goes: a first drawing, then a later one with more points.
  await expect(throughput).not.toHaveAttribute('data-points', '0')
  const firstPoints = Number(await throughput.getAttribute('data-points'))
  await expect
    .poll(async () => Number(await throughput.getAttribute('data-points')))
    .toBeGreaterThan(firstPoints)
  await expect(app.ui.stat('Requests/s')).not.toHaveText('–')

  await expect(app.ui.progressPanel).toContainText('3,000 / 3,000')
  await expect(app.ui.submit).toBeVisible()
  expect(server.received).toBe(3000)
  await expect(app.ui.stat('2xx–3xx')).toHaveText('3,000')
  await expect(app.ui.stat('Remaining')).toHaveText('–')

  await app.page.getByRole('tab', { name: 'Summary' }).click()
  await expect(app.ui.stat('Sent')).toHaveText('3,000')
  await expect(app.page.getByRole('table', { name: 'Latency percentiles' })).toContainText('p99.99')
  await expect(app.page.getByRole('figure', { name: 'Latency histogram' }).locator('canvas')).toHaveCount(1)
})
