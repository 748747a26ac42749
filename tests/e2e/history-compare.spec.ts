import type { BrowserContext, Locator, Page } from '@playwright/test'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppBackend } from '../../src/main/app-backend'
import { builtEntryPath } from '../../src/control/built-entries'
import { spawnNodeProcess } from '../../src/control/node-process'
import { deltaCells, suspectWarning } from '../../src/shared/compare/comparison-text'
import { compareReports, TABLE_METRICS } from '../../src/shared/compare/run-comparison'
import { formatCount, formatRate } from '../../src/shared/format'
import type { StoredRun } from '../../src/shared/run-history'
import { bundlePageBridge, connectPage } from '../support/api-bridge'
import { expect, test, type StampedeApp } from '../support/app-harness'
import { BUILD_OUT_DIR } from '../support/child-processes'
import { HISTORY_FILE_NAME } from '../../src/control/history/history-store'
import { respondAfter } from '../support/target-server'

const REQUESTS = 40
/**
 * The target's answer time in the first run and in the second: far above a cold first request's,
 * and above the 1 ms run's own tail on two busy cores (its p99 passed 300 ms at load 23, and the
 * slowed-down run read 'better').
 */
const DELAYS_MS = [1, 1000] as const

/** The History view, by accessible name. */
function historyUi(page: Page) {
  const history = page.getByRole('region', { name: 'Run history' })
  return {
    open: () => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click(),
    history,
    rows: history.locator('tbody tr'),
    row: (runId: number) => history.locator(`tbody tr[data-run-id="${runId}"]`),
    compare: history.getByRole('button', { name: 'Compare', exact: true }),
    importFile: history.getByRole('button', { name: 'Import result JSON…' }),
    back: page.getByRole('button', { name: '← All runs' }),
    chart: (title: string) => page.getByRole('figure', { name: title }),
    deltas: page.getByRole('table', { name: 'Deltas (new against base)' })
  }
}

/** Saves the typed plan as a test named `name`, through the sidebar. */
async function saveTest(page: Page, name: string): Promise<void> {
  const sidebar = page.getByRole('complementary', { name: 'Saved tests' })
  await sidebar.getByRole('button', { name: 'New test', exact: true }).click()
  await sidebar.getByLabel('Name of the new test', { exact: true }).fill(name)
  await sidebar.getByLabel('Name of the new test', { exact: true }).press('Enter')
  await expect(page.getByRole('region', { name: 'Open test' }).getByRole('heading', { name })).toBeVisible()
}

/**
 * Another window over its own back end, as the app is after a restart: main's history opens the data
 * folder anew. Nothing runs in it, so its engine spawner spawns nothing.
 */
async function openWindow(context: BrowserContext, dataFolder: string, rendererUrl: string) {
  const backend = createAppBackend(
    {
      engine: () => spawnNodeProcess(builtEntryPath('engine', BUILD_OUT_DIR)),
      demoTarget: () => spawnNodeProcess(builtEntryPath('demo-target', BUILD_OUT_DIR))
    },
    { dataFolder }
  )
  const page = await context.newPage()
  const bridge = await connectPage(page, backend, await bundlePageBridge())
  await page.goto(rendererUrl)
  return { page, backend, bridge }
}

async function runToTheEnd(app: StampedeApp, requests: number): Promise<void> {
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText(`${requests} / ${requests}`)
  await expect(app.ui.submit).toBeEnabled()
}

/** The texts of a uPlot legend's series (a legend that is not live has no row for x). */
async function legendLabels(chart: Locator): Promise<string[]> {
  const labels = await chart.locator('.u-legend .u-series .u-label').allTextContents()
  return labels.map((label) => label.trim())
}

test('two runs of a saved test, against a target that slowed down, are listed after a restart, opened and compared', async ({
  app,
  context
}) => {
  let delayMs: number = DELAYS_MS[0]
  const server = await app.startTarget((req, res, index) => respondAfter(delayMs)(req, res, index))
  await app.fillPlan(`${server.url}checkout`, REQUESTS, 4)
  await saveTest(app.page, 'Checkout')
  await runToTheEnd(app, REQUESTS)
  expect(server.received).toBe(REQUESTS)
  delayMs = DELAYS_MS[1]
  await runToTheEnd(app, REQUESTS)
  expect(server.received).toBe(2 * REQUESTS)

  // The restart: this window and main's history close; a second back end opens the same data folder.
  const rendererUrl = app.page.url()
  await app.bridge.close()
  await app.page.close()
  app.backend.history.close()
  const restarted = await openWindow(context, app.dataFolder, rendererUrl)
  try {
    const { page, backend: second, bridge } = restarted
    const ui = historyUi(page)
    await ui.open()

    // Both runs, newest first, each with its report's req/s, read from main's stored reports.
    const summaries = second.history.listRuns()
    expect(summaries.map((run) => run.testName)).toEqual(['Checkout', 'Checkout'])
    const [newer, older] = (await Promise.all(summaries.map((run) => second.handlers.getRun(run.id)))) as StoredRun[]
    await expect(ui.rows).toHaveCount(2)
    for (const run of [newer, older]) {
      await expect(ui.row(run.id).locator('td').nth(4)).toHaveText(formatRate(run.report.rps))
    }

    // A stored run whole: its summary counts what the server received in that run.
    await ui.row(older.id).getByRole('button', { name: 'Open', exact: true }).click()
    const sent = page.locator('dt', { hasText: /^Sent$/ }).locator('xpath=following-sibling::dd[1]')
    await expect(sent).toHaveText(formatCount(REQUESTS))
    await expect(page.getByRole('figure', { name: 'Latency', exact: true }).locator('.chart-canvas')).not.toHaveAttribute('data-points', '0')
    await ui.back.click()

    // The older run as the test's baseline: the newer one offers to compare with it.
    await ui.row(older.id).getByText('More').click()
    await ui.row(older.id).getByRole('button', { name: 'Set as baseline' }).click()
    await expect(ui.row(older.id).getByText('baseline', { exact: true })).toBeVisible()
    expect(second.history.listRuns().find((run) => run.isBaseline)?.id).toBe(older.id)
    await ui.row(newer.id).getByRole('button', { name: 'Compare with baseline' }).click()
    // The baseline is the base: its req/s in the Base column, the newer run's in New.
    const rpsCells = ui.deltas.locator('tbody tr[data-metric="rps"] td')
    await expect(rpsCells.nth(0)).toHaveText(formatRate(older.report.rps))
    await expect(rpsCells.nth(1)).toHaveText(formatRate(newer.report.rps))
    await ui.back.click()

    await expect(ui.compare).toBeDisabled()
    await ui.row(newer.id).getByRole('checkbox').check()
    await ui.row(older.id).getByRole('checkbox').check()
    await ui.compare.click()

    // Each overlay draws both runs, the legend naming each by role, date and test.
    const latency = ui.chart('Latency over time (p99 solid, p50 dashed)')
    await expect.poll(() => legendLabels(latency)).toHaveLength(4)
    const labels = await legendLabels(latency)
    expect(labels.map((label) => label.replace(/ \(.*\)$/, ''))).toEqual(['Base p99', 'Base p50', 'New p99', 'New p50'])
    expect(labels.every((label) => label.endsWith('· Checkout)'))).toBe(true)
    for (const title of ['Latency histogram (share of responses)', 'Requests per second', 'Errors per second (failed solid, 4xx–5xx dashed)']) {
      await expect(ui.chart(title).locator('.u-legend .u-series')).not.toHaveCount(0)
      await expect(ui.chart(title).locator('.chart-canvas')).not.toHaveAttribute('data-points', '0')
    }

    // The delta table is compareReports on the two stored reports, base the older: p99 is worse.
    const comparison = compareReports(older.report, newer.report)
    const shown = comparison.metrics.filter((delta) => TABLE_METRICS.includes(delta.metric))
    await expect(ui.deltas.locator('tbody tr')).toHaveCount(shown.length)
    for (const delta of shown) {
      const cells = deltaCells(delta)
      const row = ui.deltas.locator(`tbody tr[data-metric="${delta.metric}"]`)
      await expect(row.locator('th, td')).toHaveText([...cells.slice(0, 5), delta.verdict === 'unknown' ? '–' : delta.verdict])
    }
    expect(comparison.metrics.find((delta) => delta.metric === 'p99')?.verdict).toBe('worse')
    await expect(ui.deltas.locator('tbody tr[data-metric="p99"] td').last()).toHaveText('worse')
    // Same URL, load and workers; the generator's health may still differ on a busy machine: the page
    // lists exactly the differences compareReports finds, and warns exactly when it calls them suspect.
    const differing = page.getByRole('table', { name: 'Settings that differ' }).locator('tbody th')
    await expect(differing).toHaveText(comparison.settings.map((difference) => difference.setting))
    expect(comparison.settings.map((difference) => difference.setting)).not.toContain('URL')
    const warning = suspectWarning(comparison)
    if (warning) await expect(page.getByRole('alert')).toContainText(`Warning: ${warning}`)
    else await expect(page.getByText(/this comparison is suspect/)).toHaveCount(0)
    await bridge.close()
  } finally {
    await restarted.backend.dispose()
  }
})

test('a result JSON exported from a stored run is imported, marked imported; a file that is not one is refused with its reason', async ({
  app
}) => {
  const server = await app.startTarget()
  await app.fillPlan(server.url, 20, 2)
  await runToTheEnd(app, 20)
  const ui = historyUi(app.page)
  await ui.open()
  await expect(ui.rows).toHaveCount(1)
  const [stored] = app.backend.history.listRuns()

  await ui.row(stored.id).getByText('More').click()
  await ui.row(stored.id).getByRole('button', { name: 'Export JSON' }).click()
  await expect(ui.history.getByText(/Saved the JSON report to/)).toBeVisible()
  const [exported] = app.saveDialog.written

  const notAReport = join(app.dataFolder, 'not-a-report.json')
  await writeFile(notAReport, '{"hello": "world"}\n', 'utf8')
  app.openDialog.answer = notAReport
  await ui.importFile.click()
  await expect(ui.history.getByText(/not-a-report\.json is not a Stampede result/)).toBeVisible()
  await expect(ui.rows).toHaveCount(1)

  app.openDialog.answer = exported
  await ui.importFile.click()
  await expect(ui.rows).toHaveCount(2)
  const imported = app.backend.history.listRuns().find((run) => run.source === 'import')
  expect(imported?.rps).toBe(stored.rps)
  const row = ui.row(imported?.id ?? -1)
  await expect(row.getByText('imported', { exact: true })).toBeVisible()
  await expect(row.getByRole('button', { name: 'Re-run' })).toBeDisabled()
  await expect(row.getByRole('button', { name: 'Re-run' })).toHaveAttribute('title', /imported run has no plan/)
  expect(app.openDialog.asked).toBe(2)
})

test('a damaged history file is reported first in the History view, and the view still works', async ({ app, context }) => {
  const dataFolder = await mkdtemp(join(tmpdir(), 'stampede-e2e-damaged-'))
  await writeFile(join(dataFolder, HISTORY_FILE_NAME), 'not a database, whatever its name says\n'.repeat(200), 'utf8')
  const window = await openWindow(context, dataFolder, app.page.url())
  try {
    const message = window.backend.history.status().message
    expect(message).toBeTruthy()
    const ui = historyUi(window.page)
    await ui.open()
    await expect(window.page.getByRole('alert')).toContainText(message ?? '')
    await expect(ui.history.getByText('No runs stored yet: each run is kept here when it ends.')).toBeVisible()
    await window.bridge.close()
  } finally {
    await window.backend.dispose()
    await rm(dataFolder, { recursive: true, force: true })
  }
})

test('Re-run runs a stored run again with its own plan; keeping one run deletes the older, a bad number sends nothing', async ({ app }) => {
  const server = await app.startTarget()
  await app.fillPlan(`${server.url}first`, 20, 2)
  await runToTheEnd(app, 20)
  // The form moves on; Re-run brings back the stored run's plan, not the form's.
  await app.fillPlan(`${server.url}typed-later`, 5, 1)
  const ui = historyUi(app.page)
  await ui.open()
  const [stored] = app.backend.history.listRuns()
  await ui.row(stored.id).getByRole('button', { name: 'Re-run' }).click()
  await expect(app.ui.url).toHaveValue(`${server.url}first`)
  await expect(app.ui.progressPanel).toContainText('20 / 20')
  await expect(app.ui.submit).toBeEnabled()
  expect(server.received).toBe(40)

  await ui.open()
  await expect(ui.rows).toHaveCount(2)
  const keep = app.page.getByLabel('Keep the last N runs')
  await keep.fill('0')
  await expect(app.page.getByText('Keep from 1 to 100,000 runs.')).toBeVisible()
  await expect(keep).toHaveAttribute('aria-invalid', 'true')
  await expect(app.page.getByRole('button', { name: 'Apply' })).toBeDisabled()
  expect(app.bridge.invocations.setMaxRuns).toBe(0)
  await keep.fill('1')
  await app.page.getByRole('button', { name: 'Apply' }).click()
  await expect(ui.rows).toHaveCount(1)
  const [kept] = app.backend.history.listRuns()
  expect(kept.id).not.toBe(stored.id)
  expect(app.backend.history.status()).toMatchObject({ runCount: 1, maxRuns: 1 })
  await expect(app.page.getByRole('region', { name: 'Storage' })).toContainText('1 run stored')
})
