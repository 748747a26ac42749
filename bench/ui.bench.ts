import { cpus } from 'node:os'
import { expect, test, type StampedeApp } from '../tests/support/app-harness'
import { answerThenHold } from '../tests/support/target-server'

/**
 * What a user would feel during a large run with the live charts on screen: main-thread long tasks
 * in the page (goal: none over 50 ms) and how soon a Cancel click is acknowledged by the engine
 * (goal: within 100 ms).
 */
const RUN_REQUESTS = 200_000
const CANCEL_SAMPLES = 5
const CANCEL_AFTER_RECEIVED = 20_000

/** The page's globals this file uses; the bench is compiled without DOM types. */
interface BenchPage {
  __longTasks: Array<{ startTime: number; duration: number }>
  __cancelClicks: number[]
  PerformanceObserver: new (callback: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void) => {
    observe(options: { type: string; buffered: boolean }): void
  }
  addEventListener(type: string, listener: (event: { target: unknown }) => void, capture: boolean): void
}

/** Collects long tasks from here on (and buffered ones from before), and the times of Cancel clicks. */
async function observePage(app: StampedeApp): Promise<void> {
  await app.page.evaluate(() => {
    const page = globalThis as unknown as BenchPage
    page.__longTasks = []
    page.__cancelClicks = []
    new page.PerformanceObserver((list) => {
      for (const { startTime, duration } of list.getEntries()) page.__longTasks.push({ startTime, duration })
    }).observe({ type: 'longtask', buffered: true })
    // Capture phase: the time the click reaches the page, before React handles it.
    page.addEventListener(
      'click',
      (event) => {
        const button = (event.target as { closest?(selector: string): { textContent: string | null } | null }).closest?.(
          'button'
        )
        if (button?.textContent === 'Cancel') page.__cancelClicks.push(performance.now())
      },
      true
    )
  })
}

const pageNow = (app: StampedeApp): Promise<number> => app.page.evaluate(() => performance.now())

test('UI benchmark: long tasks during a 200,000-request run with the charts on screen, and Cancel to acknowledgement', async ({ app }) => {
  await observePage(app)

  // A full run against a fast target.
  const fast = await app.startTarget()
  await app.fillPlan(fast.url, RUN_REQUESTS, 50)
  const runStart = await pageNow(app)
  await app.ui.submit.click()
  // The charts in view while the run goes: they redraw on every animation frame that has new points.
  const charts = app.page.getByRole('region', { name: 'Charts' })
  await charts.scrollIntoViewIfNeeded()
  const throughputChart = charts.getByRole('figure', { name: 'Requests per second' }).locator('.chart-canvas')
  await expect(throughputChart).not.toHaveAttribute('data-points', '0')
  const pointsEarly = Number(await throughputChart.getAttribute('data-points'))
  await expect(app.ui.submit).toBeVisible({ timeout: 180_000 })
  await expect(app.ui.progressPanel).toContainText('200,000 / 200,000')
  const runEnd = await pageNow(app)
  const pointsAtEnd = Number(await throughputChart.getAttribute('data-points'))
  const record = await app.bridge.pageRecord()
  const [result] = record.done
  const updates = record.progress.filter((update) => update.runId === result.runId).map((update) => update.at)
  const busiestSecond = Math.max(...updates.map((start) => updates.filter((t) => t >= start && t < start + 1000).length))
  const updatesPerSecond = updates.length / ((updates.at(-1)! - updates[0]) / 1000)

  // Runs cancelled mid-way while the engine is busy: the click to the engine's acknowledgement.
  const cancelMs: number[] = []
  for (let sample = 0; sample < CANCEL_SAMPLES; sample++) {
    const target = await app.startTarget(answerThenHold(Number.MAX_SAFE_INTEGER))
    await app.fillPlan(target.url, 1_000_000, 50)
    await app.ui.submit.click()
    await target.waitForReceived(CANCEL_AFTER_RECEIVED)
    await app.ui.cancel.click()
    await expect(app.ui.notice).toContainText('Cancelled after')
    const { cancels } = await app.bridge.pageRecord()
    const clicks = await app.page.evaluate(() => (globalThis as unknown as BenchPage).__cancelClicks)
    cancelMs.push(cancels[sample].settledAt! - clicks[sample])
  }

  const longTasks = await app.page.evaluate(() => (globalThis as unknown as BenchPage).__longTasks)
  const atLoad = longTasks.filter((task) => task.startTime < runStart)
  const duringRuns = longTasks.filter((task) => task.startTime >= runStart)
  const duringFullRun = duringRuns.filter((task) => task.startTime <= runEnd)
  const longest = (tasks: typeof longTasks): string =>
    tasks.length ? `${Math.max(...tasks.map((task) => task.duration)).toFixed(0)} ms` : '-'
  const sorted = [...cancelMs].sort((a, b) => a - b)
  const when = (tasks: typeof longTasks): string =>
    tasks.map((task) => `${task.duration.toFixed(0)} ms at ${((task.startTime - runStart) / 1000).toFixed(2)} s`).join('; ')
  console.log(`Long tasks from the run's start (run ended at ${((runEnd - runStart) / 1000).toFixed(2)} s): ${when(longTasks) || 'none'}`)

  printTable(`Stampede UI benchmark (Chromium, ${cpus().length} CPUs)`, [
    ['Run', `${RUN_REQUESTS.toLocaleString('en-US')} requests in ${(result.elapsedMs / 1000).toFixed(1)} s`, ''],
    ['Engine throughput', `${Math.round(result.requestsPerSecond).toLocaleString('en-US')} req/s`, ''],
    [
      'Progress updates seen by the page',
      `${updatesPerSecond.toFixed(1)}/s, busiest second ${busiestSecond}`,
      '<= 20/s'
    ],
    ['Chart points drawn', `${pointsEarly} early in the run, ${pointsAtEnd} at its end (4 uPlot charts)`, '<= 1,000'],
    ['Long tasks during the 200k run', `${duringFullRun.length}, longest ${longest(duringFullRun)}`, 'none > 50 ms'],
    ['Long tasks during all runs', `${duringRuns.length}, longest ${longest(duringRuns)}`, 'none > 50 ms'],
    ['Long tasks at page load', `${atLoad.length}, longest ${longest(atLoad)}`, 'none > 50 ms'],
    [
      `Cancel click -> engine ack (${CANCEL_SAMPLES} runs)`,
      `median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
      '<= 100 ms'
    ]
  ])
})

function printTable(title: string, rows: Array<[string, string, string]>): void {
  const header: [string, string, string] = ['Measure', 'Result', 'Goal']
  const widths = [0, 1, 2].map((column) => Math.max(...[header, ...rows].map((row) => row[column].length)))
  const line = (row: string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`
  console.log(['', title, '', line(header), rule, ...rows.map(line), ''].join('\n'))
}
