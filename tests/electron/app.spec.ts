import { test, expect, type ElectronApplication } from '@playwright/test'
import { REQUEST_NAMES } from '../../src/shared/ipc'
import { locateApp, type AppLocators } from '../support/app-locators'
import { answerThenHold, TargetServers } from '../support/target-server'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// Layer 4: the real app — utility-process engine, preload bridge, sandboxed renderer. The journeys
// match tests/e2e (same locators); these add what only Electron has: its processes and lock-down.
skipWithoutElectron()

let app: ElectronApplication
let ui: AppLocators
let profile: string
const targets = new TargetServers()
// Each test on a profile of its own: an open Stampede's single-instance lock, or its history, never meets it.
const profiles = new UserDataDirs()

test.beforeEach(async () => {
  profile = profiles.create()
  let page
  ;({ app, page } = await launchApp(profile))
  ui = locateApp(page)
})

test.afterEach(async () => {
  await app?.close()
  await targets.closeAll()
  profiles.removeAll()
})

/** Pids of the app's utility processes with this service name (see src/main/index.ts). */
async function utilityPids(serviceName?: string): Promise<number[]> {
  return app.evaluate(({ app }, name) => {
    return app
      .getAppMetrics()
      .filter((metric) => metric.type === 'Utility' && (name === undefined || metric.name === name))
      .map((metric) => metric.pid)
  }, serviceName)
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
  await ui.url.fill(url)
  await ui.requests.fill(String(requests))
  await ui.concurrency.fill(String(concurrency))
}

test("runs on the test's own profile, not the developer's", async () => {
  expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(profile)
})

test('the page is locked down: no Node, only the api members, a sandboxed renderer', async () => {
  const seen = await (await app.firstWindow()).evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys((globalThis as unknown as { api: object }).api).sort()
  }))
  expect(seen).toEqual({
    require: 'undefined',
    process: 'undefined',
    api: [...REQUEST_NAMES, 'onDone', 'onProgress'].sort()
  })
  // Electron reports `sandboxed` on Windows and macOS only.
  const renderers = await app.evaluate(({ app }) =>
    app.getAppMetrics().filter((metric) => metric.type === 'Tab').map((metric) => metric.sandboxed)
  )
  for (const sandboxed of renderers) if (sandboxed !== undefined) expect(sandboxed).toBe(true)
})

test('a run in the utility-process engine reaches 100% and matches the server count', async () => {
  const server = await targets.start()
  await fillPlan(server.url, 2000)
  await ui.submit.click()
  await expect(ui.progress).toHaveAttribute('aria-valuenow', '100')
  await expect(ui.submit).toBeVisible()
  await expect(ui.progressPanel).toContainText('2,000 / 2,000')
  expect(server.received).toBe(2000)
  await expect(ui.stat('2xx–3xx')).toHaveText('2,000')
})

test('Cancel stops the run and no request starts after it', async () => {
  const server = await targets.start(answerThenHold(300))
  await fillPlan(server.url, 100_000, 10)
  await ui.submit.click()
  await server.waitForReceived(310)
  await ui.cancel.click()
  await expect(ui.notice).toContainText('Cancelled after 310 of 100,000')
  await server.waitForSocketsClosed()
  expect(server.received).toBe(310)
})

test('a crashed engine is reported, results are kept, and the next run works', async () => {
  const held = await targets.start(answerThenHold(200))
  await fillPlan(held.url, 100_000, 10)
  await ui.submit.click()
  await held.waitForReceived(210)
  // The engine has posted the 200 answers: those are the results a crash must not lose.
  await expect(ui.progressPanel).toContainText('200 / 100,000')
  const [crashed] = await utilityPids('Stampede engine')
  process.kill(crashed, 'SIGKILL')
  await expect(ui.notice).toContainText(/engine process stopped unexpectedly/i)
  await expect(ui.stat('2xx–3xx')).toHaveText('200')
  await expect(ui.submit).toBeEnabled()

  const next = await targets.start()
  await fillPlan(next.url, 500)
  await ui.submit.click()
  await expect(ui.progressPanel).toContainText('500 / 500')
  expect(next.received).toBe(500)
  expect(await utilityPids('Stampede engine')).not.toContain(crashed)
})

test('the demo target runs in its own process, and no child outlives the app', async () => {
  await ui.demoTarget.click()
  await expect(ui.url).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  await ui.submit.click()
  // How many engines a run starts depends on the machine's cores and the plan: count the ones that
  // were there while it ran (they stay, to be reused) rather than expect a number.
  const engines = new Set<number>()
  await expect
    .poll(async () => {
      for (const pid of await utilityPids('Stampede engine')) engines.add(pid)
      return ui.progress.getAttribute('aria-valuenow')
    })
    .toBe('100')
  for (const pid of await utilityPids('Stampede engine')) engines.add(pid)
  expect(engines.size).toBeGreaterThan(0)
  const demoTargets = await utilityPids('Stampede demo target')
  expect(demoTargets).toHaveLength(1)
  const children = [...engines, ...demoTargets]
  await app.close()
  // No event tells this process that another's child has gone, so poll, within the expect timeout.
  await expect.poll(() => children.filter(isAlive)).toEqual([])
})
