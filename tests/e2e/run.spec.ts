import { expect, test } from '../support/app-harness'
import { respondOk, type Responder } from '../support/target-server'

test('a run shows Cancel while it goes, reaches 100% only at the end, and counts what the server received', async ({
  app
}) => {
  const total = 3000
  // The last request waits for the test, so the run is caught just before its end.
  let releaseLast!: () => void
  const lastReleased = new Promise<void>((resolve) => (releaseLast = resolve))
  const holdLast: Responder = (req, res, index) => {
    if (index < total - 1) respondOk(req, res, index)
    else void lastReleased.then(() => respondOk(req, res, index))
  }
  const server = await app.startTarget(holdLast)

  await app.fillPlan(`${server.url}health`, total, 20)
  await app.ui.submit.click()
  await expect(app.ui.cancel).toBeVisible()
  await expect(app.ui.submit).toBeHidden()

  await server.waitForReceived(total)
  await expect(app.ui.progressPanel).toContainText('2,999 / 3,000')
  // 99.97% is floored: the bar never claims the end before the end.
  await expect(app.ui.progressPanel).toContainText('99.9%')
  await expect(app.ui.progress).toHaveAttribute('aria-valuenow', '99.9')

  releaseLast()
  await expect(app.ui.submit).toBeVisible()
  await expect(app.ui.progress).toHaveAttribute('aria-valuenow', '100')
  await expect(app.ui.progressPanel).toContainText('3,000 / 3,000')
  await expect(app.ui.progressPanel).toContainText('100.0%')
  expect(server.received).toBe(total)
  await expect(app.ui.stat('2xx–3xx')).toHaveText('3,000')
  await expect(app.ui.stat('Failed')).toHaveText('0')
  await expect(app.ui.stat('Error rate')).toHaveText('0%')
  await expect(app.page.getByRole('row', { name: /^200 3,000/ })).toBeVisible()
  await expect(app.ui.notice).toContainText('Finished 3,000 requests')
  expect(app.bridge.invocations.startRun).toBe(1)
})

test('the next Submit starts a fresh run after one has finished', async ({ app }) => {
  const server = await app.startTarget()
  await app.fillPlan(server.url, 400)
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('400 / 400')
  await expect(app.ui.submit).toBeEnabled()

  await app.ui.requests.fill('600')
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('600 / 600')
  await expect(app.ui.submit).toBeEnabled()
  await expect(app.ui.stat('2xx–3xx')).toHaveText('600')
  expect(server.received).toBe(1000)
})
