import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test'
import { findElectronBinary } from '../support/electron-binary'
import { answerThenHold, startTargetServer, type TargetServer } from '../support/target-server'

// Layer 4: the packaged flow in real Electron — utility-process engine, preload bridge, sandbox.
// The same journeys run in Chromium in tests/e2e; these add what only Electron has.
const binary = findElectronBinary()
if ('missing' in binary) {
  // Say why in the run's own output, not only in the report's annotations.
  console.log(`Real Electron specs skipped: ${binary.missing}`)
  test.skip(true, binary.missing)
}

let app: ElectronApplication
let page: Page
let server: TargetServer | undefined

test.beforeEach(async () => {
  if (!('path' in binary)) return
  app = await electron.launch({ executablePath: binary.path, args: ['.'], env: { ...process.env, CI: '1' } })
  page = await app.firstWindow()
  await expect(page).toHaveTitle('Stampede')
})

test.afterEach(async () => {
  await app?.close()
  await server?.close()
  server = undefined
})

async function enginePids(): Promise<number[]> {
  return app.evaluate(({ app }) =>
    app
      .getAppMetrics()
      .filter((metric) => metric.type === 'Utility' && metric.name === 'Stampede engine')
      .map((metric) => metric.pid)
  )
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function fillPlan(url: string, requests: number, concurrency = 10): Promise<void> {
  await page.getByLabel('URL').fill(url)
  await page.getByLabel('Number of requests').fill(String(requests))
  await page.getByLabel('Concurrency').fill(String(concurrency))
}

test('the page is locked down: no Node, only the five api members, a sandboxed renderer', async () => {
  const seen = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys((globalThis as unknown as { api: object }).api).sort()
  }))
  expect(seen).toEqual({
    require: 'undefined',
    process: 'undefined',
    api: ['cancelRun', 'onDone', 'onProgress', 'startDemoTarget', 'startRun']
  })
  // Electron reports `sandboxed` on Windows and macOS only.
  const renderers = await app.evaluate(({ app }) =>
    app.getAppMetrics().filter((metric) => metric.type === 'Tab').map((metric) => metric.sandboxed)
  )
  for (const sandboxed of renderers) if (sandboxed !== undefined) expect(sandboxed).toBe(true)
})

test('a run in the utility-process engine reaches 100% and matches the server count', async () => {
  server = await startTargetServer()
  await fillPlan(server.url, 2000)
  await page.getByRole('button', { name: 'Submit' }).click()
  await expect(page.getByRole('button', { name: 'Submit' })).toBeVisible()
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '100')
  expect(server.received).toBe(2000)
  await expect(page.getByText('2,000 / 2,000')).toBeVisible()
})

test('Cancel stops the run and no request starts after it', async () => {
  server = await startTargetServer(answerThenHold(300))
  await fillPlan(server.url, 100_000, 10)
  await page.getByRole('button', { name: 'Submit' }).click()
  await server.waitForReceived(310)
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText(/Cancelled after 310 of 100,000/)).toBeVisible()
  await server.waitForSocketsClosed()
  expect(server.received).toBe(310)
})

test('a crashed engine is reported, results are kept, and the next run works', async () => {
  server = await startTargetServer(answerThenHold(200))
  await fillPlan(server.url, 100_000, 10)
  await page.getByRole('button', { name: 'Submit' }).click()
  await server.waitForReceived(210)
  const [crashed] = await enginePids()
  process.kill(crashed, 'SIGKILL')
  await expect(page.getByText(/engine.*stopped unexpectedly/i)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Submit' })).toBeEnabled()

  const next = await startTargetServer()
  try {
    await fillPlan(next.url, 500)
    await page.getByRole('button', { name: 'Submit' }).click()
    await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '100')
    expect(next.received).toBe(500)
    expect(await enginePids()).not.toContain(crashed)
  } finally {
    await next.close()
  }
})

test('the demo target runs in its own process and the engine is gone when the app quits', async () => {
  await page.getByRole('button', { name: 'Try it on a local demo target' }).or(page.getByRole('link', { name: 'Try it on a local demo target' })).click()
  await expect(page.getByLabel('URL')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\//)
  await page.getByRole('button', { name: 'Submit' }).click()
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('aria-valuenow', '100')
  const children = await app.evaluate(({ app }) =>
    app.getAppMetrics().filter((metric) => metric.type === 'Utility').map((metric) => metric.pid)
  )
  await app.close()
  for (const pid of children) expect(isAlive(pid)).toBe(false)
})
