import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { dataFileReader } from '../../src/control/data-file'
import { parseTestFile } from '../../src/shared/test-file'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { BUILD_OUT_DIR } from '../support/child-processes'
import type { Page } from '@playwright/test'
import { expect, test } from '../support/app-harness'
import { tokenService } from '../support/token-service'

/** The designer's flows (issue 22): steps built in the form, Try once, faults marked where typed. */

const step = (page: Page, position: number) => page.getByRole('listitem', { name: `Step ${position}`, exact: true })

async function openDetails(page: Page, position: number): Promise<void> {
  await page.getByRole('button', { name: `Details of step ${position}` }).click()
}

test('a three-step flow built in the form: Try once sends one iteration and shows each capture and check; the run per step counts what the server counted', async ({
  app
}) => {
  const service = tokenService()
  const server = await app.startTarget(service.respond)
  const page = app.page
  const dataFile = join(app.dataFolder, 'users.csv')
  writeFileSync(dataFile, 'user\nada\nbob\ncy\n')

  await app.ui.url.fill(`${server.url}login`)
  await app.ui.requests.fill('3')
  await page.getByRole('button', { name: 'Add step' }).click()
  await expect(page.getByLabel('Step 1 URL')).toHaveValue(`${server.url}login`)
  await expect(app.ui.requests).toBeHidden()
  await expect(page.getByLabel('Number of iterations')).toHaveValue('3')

  // Step 1: log in, capture the token from the JSON body, check the status.
  await page.getByLabel('Step 1 name').fill('log in')
  await page.getByLabel('Step 1 method').selectOption('POST')
  await openDetails(page, 1)
  await step(page, 1).getByRole('button', { name: 'Add capture' }).click()
  await page.getByLabel('Step 1 capture 1 variable').fill('token')
  await page.getByLabel('Step 1 capture 1 expression').fill('$.token')
  await step(page, 1).getByRole('button', { name: 'Add check' }).click()
  await page.getByLabel('Step 1 check 1 check').fill('status == 200')

  // The data file, picked in main's dialog: its columns become variables.
  app.openDialog.answer = dataFile
  await page.getByRole('button', { name: 'Choose data file…' }).click()
  const preview = page.getByRole('table', { name: 'Data file preview' })
  await expect(preview.getByRole('cell')).toHaveText(['ada', 'bob', 'cy'])
  await expect(page.getByText('3 rows; its columns are variables: {{user}}')).toBeVisible()

  // Step 2: the token in a header, typed with the {{ offer; the session captured from a header.
  await page.getByLabel('Step 2 name').fill('profile')
  const url2 = page.getByLabel('Step 2 URL')
  await url2.fill(`${server.url}profile`)
  await openDetails(page, 2)
  await step(page, 2).getByRole('button', { name: 'Add header' }).click()
  await page.getByLabel('Step 2 header 1 name').fill('Authorization')
  const auth = page.getByLabel('Step 2 header 1 value')
  await auth.pressSequentially('Bearer {{')
  const offers = page.getByRole('listbox', { name: 'Variables for Step 2 header 1 value' })
  await expect(offers.getByRole('option', { name: 'token' })).toBeVisible()
  await expect(offers.getByRole('option', { name: 'user' })).toBeVisible()
  await offers.getByRole('option', { name: 'token' }).click()
  await expect(auth).toHaveValue('Bearer {{token}}')
  await step(page, 2).getByRole('button', { name: 'Add header' }).click()
  await page.getByLabel('Step 2 header 2 name').fill('X-User')
  await page.getByLabel('Step 2 header 2 value').fill('{{user}}')
  await step(page, 2).getByRole('button', { name: 'Add capture' }).click()
  await page.getByLabel('Step 2 capture 1 variable').fill('session')
  await page.getByLabel('Step 2 capture 1 source').selectOption('header')
  await page.getByLabel('Step 2 capture 1 expression').fill('X-Session')
  await step(page, 2).getByRole('button', { name: 'Add check' }).click()
  await page.getByLabel('Step 2 check 1 check').fill('json $.user == "ada"')

  // Step 3: the session from step 2's header.
  await page.getByRole('region', { name: 'Steps' }).getByRole('button', { name: 'Add step' }).click()
  await page.getByLabel('Step 3 name').fill('orders')
  await page.getByLabel('Step 3 URL').fill(`${server.url}orders`)
  await openDetails(page, 3)
  await step(page, 3).getByRole('button', { name: 'Add header' }).click()
  await page.getByLabel('Step 3 header 1 name').fill('X-Session')
  await page.getByLabel('Step 3 header 1 value').fill('{{session}}')
  await step(page, 3).getByRole('button', { name: 'Add check' }).click()
  await page.getByLabel('Step 3 check 1 check').fill('body contains "orders"')

  await page.getByRole('button', { name: 'Try once' }).click()
  const tried = page.getByRole('region', { name: 'Try once' })
  await expect(tried.getByRole('listitem', { name: /^Tried step/ })).toHaveCount(3)
  // The server's word: one iteration, each later step brought the value it had issued.
  expect(app.bridge.invocations.tryOnce).toBe(1)
  expect(server.received).toBe(3)
  expect(service.fresh).toEqual({ '/login': 1, '/profile': 1, '/orders': 1 })
  expect(service.refused).toEqual({})
  expect(service.users).toEqual(['ada'])
  expect(app.bridge.invocations.startRun).toBe(0)

  await expect(tried.getByText('Data row: user = ada')).toBeVisible()
  const login = tried.getByRole('listitem', { name: 'Tried step 1: log in' })
  await expect(login.getByRole('list', { name: 'Captures' })).toContainText(/token \(json \$\.token\): [0-9a-f-]{36}/)
  await expect(login.getByRole('list', { name: 'Checks' })).toHaveText('passed: status == 200')
  const profile = tried.getByRole('listitem', { name: 'Tried step 2: profile' })
  await expect(profile.getByLabel('Request headers')).toContainText(/Authorization: Bearer [0-9a-f-]{36}/)
  await expect(profile.getByLabel('Request headers')).toContainText('X-User: ada')
  await expect(profile.getByRole('list', { name: 'Captures' })).toContainText(/session \(header X-Session\): [0-9a-f-]{36}/)
  await expect(profile.getByRole('list', { name: 'Checks' })).toHaveText('passed: json $.user == "ada"')
  const orders = tried.getByRole('listitem', { name: 'Tried step 3: orders' })
  await expect(orders.getByText('Status 200')).toBeVisible()
  await expect(orders.getByLabel('Response body')).toHaveText('{"orders":[1,2,3]}')
  await expect(orders.getByRole('list', { name: 'Checks' })).toHaveText('passed: body contains "orders"')

  // The run: 30 iterations on 3 virtual users, the users' rows in turn.
  await page.getByLabel('Number of iterations').fill('30')
  await app.ui.concurrency.fill('3')
  await app.ui.submit.click()
  await expect(app.ui.notice).toContainText('Finished', { timeout: 45_000 })
  const run = { login: 30, profile: 30, orders: 30 }
  expect(service.received).toEqual({ '/login': 1 + run.login, '/profile': 1 + run.profile, '/orders': 1 + run.orders })
  // Every later step brought a value the server issued in that iteration, never one used before.
  expect(service.fresh).toEqual(service.received)
  expect(service.refused).toEqual({})
  const adaShare = service.users.slice(1).filter((user) => user === 'ada').length / run.profile

  const row = (position: number, name: string) => page.getByRole('row', { name: `Step ${position}: ${name}` })
  await expect(page.getByRole('table', { name: 'Step results' }).getByRole('row')).toHaveCount(4)
  const cells = async (position: number, name: string): Promise<string[]> => row(position, name).getByRole('cell').allTextContents()
  // Requests, req/s, p50, p99, 4xx–5xx, failed, checks passed, failed captures.
  for (const [position, name, sent] of [
    [1, 'log in', run.login],
    [2, 'profile', run.profile],
    [3, 'orders', run.orders]
  ] as const) {
    const [requests, , , , errors, failed, , captures] = await cells(position, name)
    expect([requests, errors, failed, captures], name).toEqual([String(sent), '0', '0', '0'])
  }
  expect((await cells(1, 'log in'))[6]).toBe('100.0%')
  expect((await cells(2, 'profile'))[6]).toBe(`${(Math.floor(adaShare * 1000) / 10).toFixed(1)}%`)
  expect((await cells(3, 'orders'))[6]).toBe('100.0%')
  await expect(app.ui.stat('Iterations started')).toHaveText(String(run.login))
  await expect(app.ui.stat('Completed')).toHaveText(String(run.orders))
  await expect(app.ui.stat('Failed iterations')).toHaveText('0')
})

test('steps reorder from the keyboard; an undefined variable and a bad check are marked where typed, and nothing is sent', async ({ app }) => {
  const server = await app.startTarget()
  const page = app.page
  await app.ui.url.fill(`${server.url}first`)
  await page.getByRole('button', { name: 'Add step' }).click()
  await page.getByLabel('Step 2 URL').fill(`${server.url}second?t={{token}}`)
  await page.getByLabel('Step 2 URL').blur()

  // Nothing defines {{token}}: the CLI's message, on the URL it was typed in.
  const url2 = page.getByLabel('Step 2 URL')
  await expect(url2).toHaveAttribute('aria-invalid', 'true')
  await expect(url2).toHaveAccessibleDescription(/^\{\{token\}\} is not defined: no variable, data column, built-in or earlier step's capture gives it\.$/)
  await expect(page.getByRole('button', { name: 'Try once' })).toBeDisabled()
  await expect(app.ui.submit).toBeDisabled()

  // Step 1 captures it, but after the move it comes second: the message says so.
  await openDetails(page, 1)
  await step(page, 1).getByRole('button', { name: 'Add capture' }).click()
  await page.getByLabel('Step 1 capture 1 variable').fill('token')
  await page.getByLabel('Step 1 capture 1 expression').fill('$.token')
  await expect(url2).not.toHaveAttribute('aria-invalid', 'true')
  const moveUp = step(page, 2).getByRole('button', { name: 'Move up' })
  await moveUp.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Step 1 URL')).toHaveValue(`${server.url}second?t={{token}}`)
  await expect(page.getByLabel('Step 2 URL')).toHaveValue(`${server.url}first`)
  await expect(page.getByLabel('Step 1 URL')).toHaveAccessibleDescription(/step 2 captures it, but not before this step/)
  await step(page, 1).getByRole('button', { name: 'Move down' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Step 1 URL')).toHaveValue(`${server.url}first`)

  // A check that is not one: refused on its row as it is typed.
  await step(page, 1).getByRole('button', { name: 'Add check' }).click()
  const check = page.getByLabel('Step 1 check 1 check')
  await check.fill('status is fine')
  await expect(check).toHaveAttribute('aria-invalid', 'true')
  await expect(check).toHaveAccessibleDescription(/^"status is fine" is not a check: /)
  await expect(page.getByRole('button', { name: 'Try once' })).toBeDisabled()
  await check.press('Enter')
  await expect(app.ui.cancel).toBeHidden()
  await page.evaluate(() => 0)
  expect(app.bridge.invocations.startRun).toBe(0)
  expect(app.bridge.invocations.tryOnce).toBe(0)
  expect(server.received).toBe(0)

  await check.fill('status == 200')
  await expect(check).not.toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('button', { name: 'Try once' })).toBeEnabled()
})

test('a flow saved in the window and exported is the same test read back from the file, and the CLI runs it as written', async ({ app }) => {
  const service = tokenService()
  const server = await app.startTarget(service.respond)
  const page = app.page
  const dataFile = join(app.dataFolder, 'users.csv')
  writeFileSync(dataFile, 'user\nada\nbob\n')

  await app.ui.url.fill('{{base}}login')
  await page.getByRole('button', { name: 'Add step' }).click()
  await page.getByRole('button', { name: 'Add variable' }).click()
  await page.getByLabel('Variable 1 name').fill('base')
  await page.getByLabel('Variable 1 value').fill(server.url)
  app.openDialog.answer = dataFile
  await page.getByRole('button', { name: 'Choose data file…' }).click()
  await expect(page.getByRole('table', { name: 'Data file preview' })).toBeVisible()
  await page.getByLabel('Step 1 method').selectOption('POST')
  await page.getByLabel('Step 1 name').fill('log in')
  await openDetails(page, 1)
  await step(page, 1).getByRole('button', { name: 'Add capture' }).click()
  await page.getByLabel('Step 1 capture 1 variable').fill('token')
  await page.getByLabel('Step 1 capture 1 expression').fill('$.token')
  await step(page, 1).getByRole('button', { name: 'Add check' }).click()
  await page.getByLabel('Step 1 check 1 check').fill('status == 200')
  await page.getByLabel('Step 1 think time').fill('10ms-20ms')
  await page.getByLabel('Step 2 URL').fill('{{base}}profile')
  await openDetails(page, 2)
  await step(page, 2).getByRole('button', { name: 'Add header' }).click()
  await page.getByLabel('Step 2 header 1 name').fill('Authorization')
  await page.getByLabel('Step 2 header 1 value').fill('Bearer {{token}}')
  await step(page, 2).getByRole('button', { name: 'Add header' }).click()
  await page.getByLabel('Step 2 header 2 name').fill('X-User')
  await page.getByLabel('Step 2 header 2 value').fill('{{user}}')
  await page.getByLabel('Step 2 thresholds').fill('p99<2s')
  await page.getByLabel('Number of iterations').fill('4')

  const sidebar = page.getByRole('complementary', { name: 'Saved tests' })
  await sidebar.getByRole('button', { name: 'New test', exact: true }).click()
  await sidebar.getByLabel('Name of the new test', { exact: true }).fill('Sign in')
  await sidebar.getByLabel('Name of the new test', { exact: true }).press('Enter')
  const bar = page.getByRole('region', { name: 'Open test' })
  await bar.getByRole('button', { name: 'Export file…' }).click()
  await expect(bar).toContainText('Saved to ')
  const [file] = app.saveDialog.written
  expect(server.received).toBe(0)

  // The file, read by the reader the CLI uses: the flow the window saved.
  const [saved] = await app.backend.handlers.listTests()
  const read = parseTestFile(readFileSync(file, 'utf8'), file, { readData: dataFileReader(file) })
  if (!read.ok) throw new Error(read.message)
  expect(read.test.plan.flow).toEqual(saved.plan.flow)
  expect(read.test.plan.iterations).toBe(4)
  expect(saved.plan.flow?.steps.map((one) => one.name ?? one.url)).toEqual(['log in', '{{base}}profile'])

  // Opened again from the file, the form shows the same steps.
  app.openDialog.answer = file
  await sidebar.getByRole('button', { name: 'Import file…', exact: true }).click()
  await expect(page.getByLabel('Step 2 URL')).toHaveValue('{{base}}profile')
  await expect(page.getByLabel('Step 1 think time')).toHaveValue('10ms-20ms')
  await expect(page.getByLabel('Step 2 thresholds')).toHaveValue('p99<2s')

  // And the built CLI runs the file as written: 4 iterations, every token fresh.
  const exit = await promisify(execFile)(process.execPath, [join(BUILD_OUT_DIR, 'cli', 'index.js'), 'run', file, '--json'], { timeout: 30_000 })
  expect(service.received).toEqual({ '/login': 4, '/profile': 4 })
  expect(service.fresh).toEqual(service.received)
  expect(service.users.sort()).toEqual(['ada', 'ada', 'bob', 'bob'])
  const report = JSON.parse(exit.stdout) as { iterations?: { completed: number } }
  expect(report.iterations?.completed).toBe(4)
})
