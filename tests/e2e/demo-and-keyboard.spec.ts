import { expect, test } from '../support/app-harness'
import { answerThenHold } from '../support/target-server'

test('the demo link fills the URL with a local target, and a run against it finishes', async ({ app }) => {
  await app.ui.demoTarget.click()
  await expect(app.ui.url).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\//)
  await app.ui.requests.fill('500')
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('500 / 500')
  await expect(app.ui.progress).toHaveAttribute('aria-valuenow', '100')
  await expect(app.ui.stat('2xx–3xx')).toHaveText('500')
  await expect(app.ui.submit).toBeEnabled()
})

test('Tab goes URL, count, concurrency, Submit, with a visible focus ring', async ({ app }) => {
  const server = await app.startTarget()
  await app.ui.url.fill(server.url)
  await app.ui.url.focus()
  for (const next of [app.ui.requests, app.ui.concurrency, app.ui.submit]) {
    await app.page.keyboard.press('Tab')
    await expect(next).toBeFocused()
  }
  await expect(app.ui.submit).toHaveCSS('outline-style', 'solid')
})

test('Enter in a field submits and Escape cancels', async ({ app }) => {
  const server = await app.startTarget(answerThenHold(50))
  await app.fillPlan(server.url, 10_000, 5)
  await app.ui.requests.press('Enter')
  await expect(app.ui.cancel).toBeVisible()
  await server.waitForReceived(55)
  await app.page.keyboard.press('Escape')
  await expect(app.ui.notice).toContainText('Cancelled after 55 of 10,000')
  await expect(app.ui.submit).toBeVisible()
  expect(app.bridge.invocations.startRun).toBe(1)
})
