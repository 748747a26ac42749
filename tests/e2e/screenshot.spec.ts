import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from '../support/app-harness'
import { plausibleService } from '../support/target-server'

// The README's picture of the real UI after a finished run. Results change from run to run, so
// docs/screenshot.png is only rewritten when missing or asked for (UPDATE_SCREENSHOT=1); every run
// attaches its own.
const SCREENSHOT = resolve(__dirname, '../../docs/screenshot.png')
const SUMMARY_SCREENSHOT = resolve(__dirname, '../../docs/screenshot-summary.png')

test('a screenshot of a finished run for the README', async ({ app }, testInfo) => {
  const server = await app.startTarget(plausibleService)
  await app.page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  await app.fillPlan(`${server.url}api/orders?limit=20`, 20_000, 64)
  await app.page.getByRole('button', { name: 'Add threshold' }).click()
  await app.page.getByLabel('Threshold 1', { exact: true }).fill('p99<250ms')
  await app.page.getByRole('button', { name: 'Add threshold' }).click()
  await app.page.getByLabel('Threshold 2', { exact: true }).fill('error_rate<1%')
  await app.ui.submit.click()
  await expect(app.ui.submit).toBeVisible({ timeout: 90_000 })
  await expect(app.ui.progressPanel).toContainText('20,000 / 20,000')
  await app.page.locator(':focus').blur()

  // The whole page, so the picture shows the charts below the window's fold too.
  await expect(app.page.getByRole('figure', { name: 'Latency' }).locator('canvas')).toHaveCount(1)
  const shot = await app.page.screenshot({ animations: 'disabled', fullPage: true })
  await testInfo.attach('screenshot', { body: shot, contentType: 'image/png' })
  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(SCREENSHOT)) {
    await app.page.screenshot({ path: SCREENSHOT, animations: 'disabled', fullPage: true })
  }

  await app.page.getByRole('tab', { name: 'Summary' }).click()
  await expect(app.page.getByRole('figure', { name: 'Latency histogram' }).locator('canvas')).toHaveCount(1)
  const summary = await app.page.screenshot({ animations: 'disabled', fullPage: true })
  await testInfo.attach('summary', { body: summary, contentType: 'image/png' })
  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(SUMMARY_SCREENSHOT)) {
    await app.page.screenshot({ path: SUMMARY_SCREENSHOT, animations: 'disabled', fullPage: true })
  }
})
