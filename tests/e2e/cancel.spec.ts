import { expect, test } from '../support/app-harness'
import { answerThenHold } from '../support/target-server'

// The target answers a fixed number of requests and holds the rest, so the moment of the cancel,
// and so what the server has received, is known exactly.
const answered = 300
const concurrency = 10
const total = 100_000

for (const how of ['the Cancel button', 'the Escape key'] as const) {
  test(`${how} stops the run at once and nothing reaches the server afterwards`, async ({ app }) => {
    const server = await app.startTarget(answerThenHold(answered))
    await app.fillPlan(server.url, total, concurrency)
    await app.ui.submit.click()
    await server.waitForReceived(answered + concurrency)
    await expect(app.ui.progressPanel).toContainText(`${answered} / 100,000`)

    if (how === 'the Escape key') await app.page.keyboard.press('Escape')
    else await app.ui.cancel.click()

    // Every request that started ended, the held ones aborted by the cancel.
    await expect(app.ui.notice).toContainText(`Cancelled after ${answered + concurrency} of 100,000`)
    await expect(app.ui.submit).toBeVisible()
    await expect(app.page.getByRole('row', { name: `Aborted by cancel ${concurrency}` })).toBeVisible()
    await expect(app.ui.stat('2xx–3xx')).toHaveText(String(answered))
    // Aborting is the user's doing, not the target's: those requests are not failures.
    await expect(app.ui.stat('Failed')).toHaveText('0')
    expect(app.bridge.invocations.cancelRun).toBe(1)

    const [cancel] = (await app.bridge.pageRecord()).cancels
    expect(cancel.reply?.cancelled).toBe(true)
    await server.waitForSocketsClosed()
    expect(server.received).toBe(answered + concurrency)
  })
}
