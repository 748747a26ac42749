import { expect, test } from '@playwright/test'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { plausibleService, startTargetServer } from '../support/target-server'

// The CLI's --report file opened in Chromium with every network request refused: it must show its
// charts all the same, and ask for nothing. docs/report-screenshot.png is rewritten when missing or
// asked for (UPDATE_SCREENSHOT=1); every run attaches its own.
const SCREENSHOT = resolve(__dirname, '../../docs/report-screenshot.png')
const CLI = resolve(__dirname, '../../out/cli/index.js')

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.once('error', fail)
    child.once('close', (code) => done({ code, stderr }))
  })
}

test('the HTML report opens offline with its charts, and asks for nothing over the network', async ({ page, context }, testInfo) => {
  expect(existsSync(CLI), `${CLI} is missing: run npm run build first`).toBe(true)
  const folder = mkdtempSync(join(tmpdir(), 'stampede-report-'))
  const server = await startTargetServer(plausibleService)
  try {
    const file = join(folder, 'report.html')
    const run = await runCli([
      `${server.url}api/orders?limit=20`,
      ...['-d', '4', '-c', '16', '-w', '1', '--report', file],
      ...['--threshold', 'p99<10s', '--threshold', 'error_rate<1%', '--threshold', 'rps>10']
    ])
    // 3: the run finished and a threshold failed (the service's own 503s and 404s break error_rate<1%);
    // the other two hold however busy the machine is.
    expect(run.stderr).toBe('')
    expect(run.code).toBe(3)
    expect(server.received).toBeGreaterThan(100)

    const reportUrl = pathToFileURL(file).href
    const requested: string[] = []
    page.on('request', (request) => requested.push(request.url()))
    await context.route('**/*', (route) => (route.request().url() === reportUrl ? route.continue() : route.abort()))
    await context.setOffline(true)
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
    await page.setViewportSize({ width: 1100, height: 900 })
    await page.goto(reportUrl)

    await expect(page.getByRole('heading', { name: 'Stampede report' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Thresholds: 1 of 3 failed' })).toBeVisible()
    await expect(page.locator('table.thresholds tr.failed')).toContainText('error_rate<1%')
    await expect(page.locator('table.percentiles')).toContainText('p99.99')
    // Five charts of the closed model, each drawn: a box of real size, with lines or bars in it.
    const charts = page.locator('figure.chart svg')
    await expect(charts).toHaveCount(5)
    for (const chart of await charts.all()) {
      const box = await chart.boundingBox()
      expect(box?.width).toBeGreaterThan(300)
      expect(box?.height).toBeGreaterThan(90)
      const marks = await chart.evaluate((svg) => {
        const lengths = [...svg.querySelectorAll('path')].map((path) => (path as unknown as { getTotalLength(): number }).getTotalLength())
        return { drawn: lengths.filter((length) => length > 50).length, bars: svg.querySelectorAll('rect title').length }
      })
      expect(marks.drawn + marks.bars).toBeGreaterThan(0)
    }
    expect(requested).toEqual([reportUrl])

    const shot = await page.screenshot({ fullPage: true, animations: 'disabled' })
    await testInfo.attach('report', { body: shot, contentType: 'image/png' })
    if (process.env.UPDATE_SCREENSHOT === '1' || !existsSync(SCREENSHOT)) {
      await page.screenshot({ path: SCREENSHOT, fullPage: true, animations: 'disabled' })
    }
    expect(readFileSync(file, 'utf8')).not.toMatch(/\b(src|href)\s*=/i)
  } finally {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
})
