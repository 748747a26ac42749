import { existsSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from '../support/app-harness'
import { tokenService } from '../support/token-service'

// The README's picture of a flow's results: a three-step flow imported from a file and run against
// the token service. Rewritten only when missing or asked for (UPDATE_SCREENSHOT=1); every run attaches its own.
const SCREENSHOT = resolve(__dirname, '../../docs/flow-screenshot.png')

test('a screenshot of a flow run for the README', async ({ app }, testInfo) => {
  const service = tokenService()
  const server = await app.startTarget(service.respond)
  await app.page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  const users = join(app.dataFolder, 'users.csv')
  writeFileSync(users, 'user\nada\nbob\ncy\ndee\n')
  const file = join(app.dataFolder, 'sign-in.stampede.yaml')
  writeFileSync(
    file,
    [
      'stampede: 2',
      'name: Sign in and list orders',
      'variables:',
      `  base: ${server.url}`,
      'data:',
      '  file: users.csv',
      'steps:',
      '  - name: log in',
      '    method: POST',
      "    url: '{{base}}login'",
      '    capture:',
      '      token: json $.token',
      '    check:',
      '      - status == 200',
      '  - name: profile',
      "    url: '{{base}}profile'",
      '    headers:',
      "      Authorization: 'Bearer {{token}}'",
      "      X-User: '{{user}}'",
      '    capture:',
      '      session: header X-Session',
      '    check:',
      '      - status == 200',
      '      - json $.user == "ada"',
      '  - name: orders',
      "    url: '{{base}}orders'",
      '    headers:',
      "      X-Session: '{{session}}'",
      '    check:',
      '      - body contains "orders"',
      'load:',
      '  iterations: 600',
      '  connections: 8',
      ''
    ].join('\n')
  )
  app.openDialog.answer = file
  await app.page.getByRole('button', { name: 'Import file…', exact: true }).click()
  await expect(app.page.getByLabel('Step 3 URL')).toHaveValue('{{base}}orders')
  await app.ui.submit.click()
  await expect(app.ui.notice).toContainText('Finished', { timeout: 45_000 })
  // A flow counts iterations: the bar is of those.
  await expect(app.ui.progressPanel).toContainText('600 / 600')
  await expect(app.ui.progressPanel).toContainText('100.0%')
  expect(service.fresh).toEqual({ '/login': 600, '/profile': 600, '/orders': 600 })
  await expect(app.page.getByRole('table', { name: 'Step results' }).getByRole('row')).toHaveCount(4)
  await app.page.locator(':focus').blur()
  await expect(app.page.getByRole('figure', { name: 'Latency' }).locator('canvas')).toHaveCount(1)

  const shot = await app.page.screenshot({ animations: 'disabled', fullPage: true })
  await testInfo.attach('flow results', { body: shot, contentType: 'image/png' })
  if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(SCREENSHOT)) {
    await app.page.screenshot({ path: SCREENSHOT, animations: 'disabled', fullPage: true })
  }
})
