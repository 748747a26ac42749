import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { STEP_TABLE_METRICS } from '../../src/shared/compare/run-comparison'
import { formatPercent } from '../../src/shared/format'
import { expect, test } from '../support/app-harness'
import { tokenService } from '../support/token-service'

/**
 * A flow's finished run in the window (issue 22's results): its steps in the Summary tab and in the
 * stored run, judged by a step's own threshold from the file, and compared step by step.
 */
function flowFile(base: string): string {
  return [
    'stampede: 2',
    'name: Sign in and list orders',
    'variables:',
    `  base: ${base}`,
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
    '    thresholds: [checks>99%]',
    '  - name: orders',
    "    url: '{{base}}orders'",
    '    headers:',
    "      X-Session: '{{session}}'",
    '    check:',
    '      - body contains "orders"',
    'load:',
    '  iterations: 30',
    '  connections: 3',
    ''
  ].join('\n')
}

test("a flow's steps in the Summary, the stored run and the compare view, its step's own threshold judged", async ({ app }) => {
  const pageErrors: string[] = []
  app.page.on('pageerror', (error) => pageErrors.push(error.message))
  const service = tokenService()
  const server = await app.startTarget(service.respond)
  const page = app.page
  writeFileSync(join(app.dataFolder, 'users.csv'), 'user\nada\nbob\ncy\n')
  const file = join(app.dataFolder, 'sign-in.stampede.yaml')
  writeFileSync(file, flowFile(server.url))
  app.openDialog.answer = file
  await page.getByRole('button', { name: 'Import file…', exact: true }).click()
  await expect(page.getByLabel('Step 3 URL')).toHaveValue('{{base}}orders')

  for (const run of [1, 2]) {
    await app.ui.submit.click()
    await expect(app.ui.notice).toContainText('Finished', { timeout: 45_000 })
    const iterations = 30 * run
    await expect.poll(() => service.fresh).toEqual({ '/login': iterations, '/profile': iterations, '/orders': iterations })
    // The step's own threshold, from the file, is judged live as the report judges it.
    await expect(page.locator('.threshold-tile', { hasText: 'profile: checks>99%' })).toHaveAttribute('data-status', 'failed')
  }
  expect(service.refused).toEqual({})
  // The second run's profile checks as the server saw them: status == 200 always, the user "ada" a third of the time.
  const profiles = service.users.slice(30)
  const profileChecks = formatPercent(30 + profiles.filter((user) => user === 'ada').length, 60)

  const stepsTable = (scope = page) => scope.getByRole('table', { name: 'Steps', exact: true })
  const cells = (position: number, name: string) => page.getByRole('row', { name: `Step ${position}: ${name}`, exact: true }).getByRole('cell')
  async function expectSteps(): Promise<void> {
    await expect(stepsTable().getByRole('row')).toHaveCount(4)
    for (const [position, name] of [
      [1, 'log in'],
      [2, 'profile'],
      [3, 'orders']
    ] as const) {
      // Requests, req/s, p50, p99, 4xx–5xx, failed, checks passed, failed captures.
      const [requests, , , , errors, failed, checks, captures] = await cells(position, name).allTextContents()
      expect([requests, errors, failed, captures], name).toEqual(['30', '0', '0', '0'])
      expect(checks, name).toBe(name === 'profile' ? profileChecks : '100.0%')
    }
    await expect(page.locator('.summary').getByLabel('Iterations').locator('dd').first()).toHaveText('30')
  }

  await page.getByRole('tab', { name: 'Summary' }).click()
  await expectSteps()
  await expect(page.getByRole('row', { name: /profile: checks>99% failed/ })).toBeVisible()

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click()
  const history = page.getByRole('region', { name: 'Run history' })
  await expect(history.locator('tbody tr')).toHaveCount(2)
  const [older, newer] = [...app.backend.history.listRuns()].sort((a, b) => a.id - b.id)
  await history.locator(`tbody tr[data-run-id="${newer.id}"]`).getByRole('button', { name: 'Open', exact: true }).click()
  await expectSteps()
  await page.getByRole('button', { name: '← All runs' }).click()

  await history.locator(`tbody tr[data-run-id="${older.id}"]`).getByRole('checkbox').check()
  await history.locator(`tbody tr[data-run-id="${newer.id}"]`).getByRole('checkbox').check()
  await history.getByRole('button', { name: 'Compare', exact: true }).click()
  const stepDeltas = page.getByRole('table', { name: 'Steps, new against base' })
  for (const name of ['log in', 'profile', 'orders']) {
    const group = stepDeltas.locator(`tbody[data-step="${name}"]`)
    await expect(group.locator('tr[data-metric]')).toHaveCount(STEP_TABLE_METRICS.length)
    // The same 30 requests in both runs: the step's error rate is the same, and the compare says so.
    await expect(group.locator('tr[data-metric="error_rate"] .delta-verdict')).toHaveText('unchanged')
  }
  expect(pageErrors).toEqual([])
})
