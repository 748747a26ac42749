import { expect, test } from '../support/app-harness'
import { answerThenHold } from '../support/target-server'

test('a crashed engine is reported, the results so far stay, and the next Submit works', async ({ app }) => {
  const server = await app.startTarget(answerThenHold(200))
  await app.fillPlan(server.url, 100_000, 10)
  await app.ui.submit.click()
  await server.waitForReceived(210)
  await expect(app.ui.progressPanel).toContainText('200 / 100,000')

  app.crashEngine()
  await expect(app.ui.notice).toContainText(/engine process stopped unexpectedly/i)
  await expect(app.ui.submit).toBeEnabled()
  await expect(app.ui.stat('2xx–3xx')).toHaveText('200')
  await expect(app.ui.progressPanel).toContainText('200 / 100,000')

  const next = await app.startTarget()
  await app.fillPlan(next.url, 500)
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('500 / 500')
  await expect(app.ui.progress).toHaveAttribute('aria-valuenow', '100')
  expect(next.received).toBe(500)
})
