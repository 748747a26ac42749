import { expect, test } from '../support/app-harness'
import { resetConnection, respondOk, respondStatus, type Responder } from '../support/target-server'

test('the outcome tiles and the error rate show what the server answered', async ({ app }) => {
  const answered = { ok: 0, unavailable: 0, reset: 0 }
  const mixed: Responder = (req, res, index) => {
    if (index % 40 === 7) {
      answered.reset++
      resetConnection(req, res, index)
    } else if (index % 10 === 3) {
      answered.unavailable++
      respondStatus(503)(req, res, index)
    } else {
      answered.ok++
      respondOk(req, res, index)
    }
  }
  const server = await app.startTarget(mixed)
  await app.fillPlan(server.url, 400, 4)
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('400 / 400')
  await expect(app.ui.submit).toBeEnabled()

  expect(server.received).toBe(400)
  expect(answered).toEqual({ ok: 350, unavailable: 40, reset: 10 })
  await expect(app.ui.stat('2xx–3xx')).toHaveText('350')
  await expect(app.ui.stat('4xx–5xx')).toHaveText('40')
  await expect(app.ui.stat('Failed')).toHaveText('10')
  // (40 + 10) of 400.
  await expect(app.ui.stat('Error rate')).toHaveText('12.5%')
})
