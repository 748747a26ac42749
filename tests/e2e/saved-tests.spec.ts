import type { Page } from '@playwright/test'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../support/app-harness'

/** The sidebar and the open test's bar, by accessible name. */
function savedTestsUi(page: Page) {
  const sidebar = page.getByRole('complementary', { name: 'Saved tests' })
  const list = sidebar.getByRole('list', { name: 'Saved tests' })
  return {
    sidebar,
    list,
    /** The button that opens a test: its name, then ", unsaved changes" while the open one differs. */
    test: (name: string) => list.getByRole('button', { name: new RegExp(`^${name}(, unsaved changes)?$`) }),
    newTest: sidebar.getByRole('button', { name: 'New test', exact: true }),
    newName: sidebar.getByLabel('Name of the new test', { exact: true }),
    search: sidebar.getByLabel('Search tests', { exact: true }),
    importFile: sidebar.getByRole('button', { name: 'Import file…', exact: true }),
    bar: page.getByRole('region', { name: 'Open test' }),
    threshold: (position: number) => page.getByLabel(`Threshold ${position}`, { exact: true })
  }
}

test('a test made from a typed plan is renamed, duplicated, searched, deleted, opened and run, and is still listed after a reload', async ({
  app
}) => {
  const ui = savedTestsUi(app.page)
  const server = await app.startTarget()
  const url = `${server.url}checkout`
  await app.fillPlan(url, 120, 4)
  await app.page.getByRole('button', { name: 'Add threshold' }).click()
  await ui.threshold(1).fill('p99<5s')

  // An empty name is refused where it was typed; nothing is saved.
  await ui.newTest.click()
  await ui.newName.press('Enter')
  await expect(ui.sidebar.getByText('Give the test a name.')).toBeVisible()
  await expect(ui.newName).toHaveAttribute('aria-invalid', 'true')
  await ui.newName.fill('Checkout draft')
  await ui.newName.press('Enter')
  await expect(ui.test('Checkout draft')).toHaveAttribute('aria-current', 'true')
  await expect(ui.bar.getByRole('heading', { name: 'Checkout draft' })).toBeVisible()
  await expect(ui.bar).toContainText('Runs are filed under “Checkout draft”.')

  // Rename: Enter saves, Escape leaves the name alone.
  await ui.sidebar.getByRole('button', { name: 'Rename Checkout draft', exact: true }).click()
  await ui.sidebar.getByLabel('New name for Checkout draft', { exact: true }).fill('Checkout')
  await app.page.keyboard.press('Enter')
  await expect(ui.test('Checkout')).toBeVisible()
  await ui.sidebar.getByRole('button', { name: 'Rename Checkout', exact: true }).click()
  await ui.sidebar.getByLabel('New name for Checkout', { exact: true }).fill('Not this')
  await app.page.keyboard.press('Escape')
  await expect(ui.sidebar.getByRole('button', { name: 'Rename Checkout', exact: true })).toBeFocused()
  await expect(ui.list.getByRole('listitem')).toHaveCount(1)

  await ui.sidebar.getByRole('button', { name: 'Duplicate Checkout', exact: true }).click()
  await expect(ui.test('Checkout \\(copy\\)')).toBeVisible()
  await ui.search.fill('COPY')
  await expect(ui.list.getByRole('listitem')).toHaveCount(1)
  await expect(ui.test('Checkout \\(copy\\)')).toBeVisible()
  await ui.search.fill('')
  await expect(ui.list.getByRole('listitem')).toHaveCount(2)

  // Delete asks in the page, and says the runs stay.
  await ui.sidebar.getByRole('button', { name: 'Delete Checkout (copy)', exact: true }).click()
  const question = ui.sidebar.getByRole('group', { name: 'Delete Checkout (copy)?' })
  await expect(question).toContainText('Its runs stay in the history')
  await question.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(ui.list.getByRole('listitem')).toHaveCount(1)

  // Changes to the open test show; opening a test over them asks first.
  await app.fillPlan(`${server.url}elsewhere`, 7, 1)
  await ui.threshold(1).fill('p99<1s')
  await expect(ui.bar.getByText('Modified', { exact: true })).toBeVisible()
  await expect(ui.list.getByRole('button', { name: 'Checkout, unsaved changes', exact: true })).toBeVisible()
  await ui.test('Checkout').click()
  const unsaved = app.page.getByRole('alertdialog', { name: 'Unsaved changes' })
  await expect(unsaved.getByRole('button', { name: 'Keep editing' })).toBeFocused()
  await unsaved.getByRole('button', { name: 'Keep editing' }).click()
  await expect(app.ui.url).toHaveValue(`${server.url}elsewhere`)
  await ui.test('Checkout').click()
  await unsaved.getByRole('button', { name: 'Open “Checkout”' }).click()
  await expect(app.ui.url).toHaveValue(url)
  await expect(app.ui.requests).toHaveValue('120')
  await expect(app.ui.concurrency).toHaveValue('4')
  await expect(ui.threshold(1)).toHaveValue('p99<5s')
  await expect(ui.bar.getByText('Modified', { exact: true })).toBeHidden()

  // The run goes with the test's plan and is filed under it.
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('120 / 120')
  await expect(app.ui.submit).toBeEnabled()
  expect(server.received).toBe(120)
  // Main's history, not the page, says where the run was filed.
  await expect.poll(() => app.backend.history.listRuns().map((run) => [run.testName, run.url])).toEqual([['Checkout', url]])

  // A fresh page over the same back end lists the same test.
  await app.page.reload()
  await expect(ui.test('Checkout')).toBeVisible()
  await expect(ui.list.getByRole('listitem')).toHaveCount(1)
})

test('New test refuses a plan the form refuses, says so, and saves nothing', async ({ app }) => {
  const ui = savedTestsUi(app.page)
  await app.ui.url.fill('not a url')
  await ui.newTest.click()
  await ui.newName.fill('Broken')
  await ui.newName.press('Enter')
  await expect(ui.sidebar.getByText(/The plan has mistakes/)).toBeVisible()
  await expect(app.page.getByLabel('URL', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(ui.sidebar.getByText('No saved tests yet: type a plan, then New test.')).toBeVisible()
  expect(app.bridge.invocations.saveTest).toBe(0)
})

test('a test exported to a file imports back as a new test with its values; a bad file says what is wrong, and where', async ({
  app
}) => {
  const ui = savedTestsUi(app.page)
  const server = await app.startTarget()
  const url = `${server.url}orders?limit=5`
  await app.fillPlan(url, 40, 3)
  await app.page.getByRole('button', { name: 'Add threshold' }).click()
  await ui.threshold(1).fill('p90<2s')
  await ui.newTest.click()
  await ui.newName.fill('Orders')
  await ui.newName.press('Enter')
  await expect(ui.test('Orders')).toHaveAttribute('aria-current', 'true')

  await ui.bar.getByRole('button', { name: 'Export file…' }).click()
  await expect(ui.bar).toContainText('Saved to ')
  const [file] = app.saveDialog.written
  expect(app.saveDialog.defaultNames).toEqual(['orders.stampede.yaml'])
  await expect(ui.bar).toContainText(`Saved to ${file}`)
  expect(await readFile(file, 'utf8')).toContain('name: Orders')

  // The test changes after the export, so the import can only show the file's values.
  await app.ui.requests.fill('77')
  await ui.bar.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(ui.bar.getByText('Modified', { exact: true })).toBeHidden()

  app.openDialog.answer = file
  await ui.importFile.click()
  await expect(ui.test('Orders \\(2\\)')).toHaveAttribute('aria-current', 'true')
  await expect(ui.sidebar).toContainText(`Imported “Orders (2)” from ${file}.`)
  await expect(app.ui.url).toHaveValue(url)
  await expect(app.ui.requests).toHaveValue('40')
  await expect(app.ui.concurrency).toHaveValue('3')
  await expect(ui.threshold(1)).toHaveValue('p90<2s')
  await expect(ui.list.getByRole('listitem')).toHaveCount(2)

  const bad = join(app.dataFolder, 'bad.stampede.yaml')
  await writeFile(bad, ['stampede: 1', 'name: Bad', 'request:', `  url: ${url}`, 'load:', '  connections: many', ''].join('\n'))
  app.openDialog.answer = bad
  await ui.importFile.click()
  await expect(ui.sidebar).toContainText(/bad\.stampede\.yaml.*line 6/i)
  await expect(ui.list.getByRole('listitem')).toHaveCount(2)
  expect(app.openDialog.asked).toBe(2)
})

test('the keyboard alone saves, saves as new, and answers the delete question (Escape keeps the test)', async ({ app }) => {
  const ui = savedTestsUi(app.page)
  const keyboard = app.page.keyboard
  await app.fillPlan('http://127.0.0.1:9/kb', 10, 1)
  await ui.newTest.focus()
  await keyboard.press('Enter')
  await expect(ui.newName).toBeFocused()
  await keyboard.type('Keys')
  await keyboard.press('Enter')
  await expect(ui.newTest).toBeFocused()
  await expect(ui.test('Keys')).toHaveAttribute('aria-current', 'true')

  // Save as new offers the next free name, and opens the copy.
  const saveAsNew = ui.bar.getByRole('button', { name: 'Save as new…' })
  await saveAsNew.focus()
  await keyboard.press('Enter')
  await expect(ui.bar.getByLabel('Name of the new test', { exact: true })).toHaveValue('Keys (2)')
  await keyboard.press('Enter')
  await expect(ui.test('Keys \\(2\\)')).toHaveAttribute('aria-current', 'true')
  await expect(saveAsNew).toBeFocused()

  const deleteKeys = ui.sidebar.getByRole('button', { name: 'Delete Keys', exact: true })
  await deleteKeys.focus()
  await keyboard.press('Enter')
  const question = ui.sidebar.getByRole('group', { name: 'Delete Keys?' })
  await expect(question.getByRole('button', { name: 'Keep it' })).toBeFocused()
  await keyboard.press('Escape')
  await expect(deleteKeys).toBeFocused()
  await expect(ui.list.getByRole('listitem')).toHaveCount(2)
  await keyboard.press('Enter')
  await keyboard.press('Shift+Tab')
  await expect(question.getByRole('button', { name: 'Delete', exact: true })).toBeFocused()
  await keyboard.press('Enter')
  await expect(ui.list.getByRole('listitem')).toHaveCount(1)
  await expect(ui.test('Keys \\(2\\)')).toBeVisible()
})
