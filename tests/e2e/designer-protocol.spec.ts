import { INITIAL_PLAN_FORM_VALUES } from '../../src/renderer/src/plan/plan-form'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import { expect, test } from '../support/app-harness'
import { startHttp2Target } from '../support/http2-targets'

test('h2c from the form: one HTTP/2 connection carrying several streams at once, every request counted', async ({ app }) => {
  const target = await startHttp2Target({ tls: false, answerAfterMs: 20 })
  try {
    const { designer } = app.ui
    await app.fillPlan(target.url, 40, 1)
    await designer.requestToggle.click()
    await designer.protocol.selectOption('h2c')
    await expect(designer.requestToggle).toContainText('GET · h2c')
    await designer.loadToggle.click()
    // With HTTP/2, pipelining is streams per connection.
    await expect(designer.pipelining).toHaveCount(0)
    await designer.streams.fill('4')
    await app.ui.submit.click()
    await expect(app.ui.progressPanel).toContainText('40 / 40')
    await expect(app.ui.stat('2xx–3xx')).toHaveText('40')
    expect(target.received).toBe(40)
    expect(target.sessions).toBe(1)
    expect(target.peakStreamsPerSession).toBeGreaterThan(1)
    expect(target.badPrefaces).toBe(0)
  } finally {
    await target.close()
  }
})

test('a protocol that does not fit the URL is refused on the protocol, and nothing is sent', async ({ app }) => {
  const server = await app.startTarget()
  const { designer } = app.ui
  await app.fillPlan(server.url, 10, 1)
  await designer.requestToggle.click()
  await designer.protocol.selectOption('h2')
  const check = checkPlanForm({ ...INITIAL_PLAN_FORM_VALUES, url: server.url, totalRequests: '10', concurrency: '1', protocol: 'h2' })
  const message = check.ok ? undefined : check.errors.protocol
  expect(message).toMatch(/https:\/\//)
  await expect(designer.protocol).toHaveAttribute('aria-invalid', 'true')
  await expect(designer.protocol).toHaveAccessibleDescription(message ?? '')
  await expect(app.ui.submit).toBeDisabled()
  await app.ui.url.press('Enter')
  await designer.protocol.selectOption('http1')
  await expect(app.ui.submit).toBeEnabled()
  await app.page.evaluate(() => 0)
  expect(app.bridge.invocations.startRun).toBe(0)
  expect(server.received).toBe(0)
})
