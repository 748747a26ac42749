import type { Page } from '@playwright/test'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { compareReports, STEP_TABLE_METRICS, TABLE_METRICS } from '../../src/shared/compare/run-comparison'
import { formatCount } from '../../src/shared/format'
import { buildRunReport, reportJson } from '../../src/shared/report/run-report'
import { expect, test } from '../support/app-harness'
import { flowResult, LOGIN_STEPS, STEP_LATENCY } from '../support/flow-results'
import { planOf } from '../support/plans'
import { thresholdOf } from '../support/thresholds'

/**
 * A flow's report in the window's history (its steps' own views: flow-summary.spec.ts):
 * imported, opened and compared as any report is, its run figures shown, nothing in the page failing.
 */
const plan = planOf({ url: 'http://127.0.0.1:9/login', totalRequests: 300, concurrency: 10 })
const reportWith = (steps = LOGIN_STEPS) =>
  buildRunReport({ plan, result: flowResult(steps), workers: 1, thresholds: [thresholdOf('checks>99%'), thresholdOf('item: p99<250ms')], startedAt: '2026-12-08T01:00:00.000Z' })

function historyUi(page: Page) {
  const history = page.getByRole('region', { name: 'Run history' })
  return {
    open: () => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click(),
    history,
    rows: history.locator('tbody tr'),
    row: (runId: number) => history.locator(`tbody tr[data-run-id="${runId}"]`),
    importFile: history.getByRole('button', { name: 'Import result JSON…' }),
    compare: history.getByRole('button', { name: 'Compare', exact: true }),
    back: page.getByRole('button', { name: '← All runs' }),
    deltas: page.getByRole('table', { name: 'Deltas (new against base)' })
  }
}

test("a flow's report is imported, opened with its run figures and compared, the page raising no error", async ({ app }) => {
  const pageErrors: string[] = []
  app.page.on('pageerror', (error) => pageErrors.push(error.message))
  const files = [
    ['flow-base.json', reportWith()],
    ['flow-new.json', reportWith([{ ...LOGIN_STEPS[0], latencyMs: { ...STEP_LATENCY, p99: 24 } }, ...LOGIN_STEPS.slice(1)])]
  ] as const
  const ui = historyUi(app.page)
  await ui.open()
  for (const [name, report] of files) {
    const path = join(app.dataFolder, name)
    await writeFile(path, reportJson(report), 'utf8')
    app.openDialog.answer = path
    await ui.importFile.click()
  }
  await expect(ui.rows).toHaveCount(2)
  const [older, newer] = [...app.backend.history.listRuns()].sort((a, b) => a.id - b.id)
  expect(app.backend.history.getRun(older.id)?.report).toEqual(files[0][1])

  await ui.row(older.id).getByRole('button', { name: 'Open', exact: true }).click()
  const sent = app.page.locator('dt', { hasText: /^Sent$/ }).locator('xpath=following-sibling::dd[1]')
  await expect(sent).toHaveText(formatCount(files[0][1].requests.sent))
  await ui.back.click()

  await ui.row(newer.id).getByRole('checkbox').check()
  await ui.row(older.id).getByRole('checkbox').check()
  await ui.compare.click()
  const shown = compareReports(files[0][1], files[1][1]).metrics.filter((delta) => TABLE_METRICS.includes(delta.metric))
  await expect(ui.deltas.locator('tbody tr')).toHaveCount(shown.length)
  await expect(ui.deltas.locator('tbody tr[data-metric="checks"]')).toHaveCount(1)
  // Step by step: only log in's p99 differs. The run checked first (flow-new.json, 24 ms) is the base,
  // so it fell to 12 ms in the other, and reads better.
  const stepDeltas = app.page.getByRole('table', { name: 'Steps, new against base' })
  for (const step of compareReports(files[0][1], files[1][1]).steps!) {
    await expect(stepDeltas.locator(`tbody[data-step="${step.name}"] tr[data-metric]`)).toHaveCount(STEP_TABLE_METRICS.length)
  }
  await expect(stepDeltas.locator('tbody[data-step="log in"] tr[data-metric="p99"] .delta-verdict')).toHaveText('better')
  await expect(stepDeltas.locator('tbody[data-step="item"] tr[data-metric="p99"] .delta-verdict')).toHaveText('unchanged')
  expect(pageErrors).toEqual([])
})
