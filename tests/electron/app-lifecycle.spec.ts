import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { test, expect, type ElectronApplication } from '@playwright/test'
import { locateApp } from '../support/app-locators'
import { answerThenHold, TargetServers } from '../support/target-server'
import { electronPath, launchApp, skipWithoutElectron, userDataArg, UserDataDirs } from './launch'

// One instance per profile, the platform's window conventions, and a crash report that says why.
skipWithoutElectron()

const profiles = new UserDataDirs()
const targets = new TargetServers()
let app: ElectronApplication | undefined

test.afterEach(async () => {
  await app?.close()
  app = undefined
  await targets.closeAll()
  profiles.removeAll()
})

type Recorded = { secondInstances: number }
const recorded = (): Promise<Recorded> => app!.evaluate(() => (globalThis as unknown as Recorded))
const windowCount = (): Promise<number> => app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)
const isMinimized = (): Promise<boolean> =>
  app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].isMinimized())

test('a second launch on the same profile exits at once and brings the first window back', async () => {
  const profile = profiles.create()
  ;({ app } = await launchApp(profile))
  await app.evaluate(({ app: electronApp }) => {
    const state = globalThis as unknown as Recorded
    state.secondInstances = 0
    electronApp.on('second-instance', () => state.secondInstances++)
  })
  // X11 minimises only through a window manager, and xvfb runs without one.
  const canMinimize = process.platform !== 'linux'
  if (canMinimize) {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].minimize())
    await expect.poll(isMinimized).toBe(true)
  }

  const second = spawn(electronPath(), ['.', userDataArg(profile)], { stdio: 'ignore' })
  const [code] = await once(second, 'exit')
  expect(code).toBe(0)
  await expect.poll(async () => (await recorded()).secondInstances).toBe(1)
  expect(await windowCount()).toBe(1)
  if (canMinimize) await expect.poll(isMinimized).toBe(false)
})

test('closing the window quits the app (Windows, Linux)', async () => {
  test.skip(process.platform === 'darwin', 'macOS apps keep running without a window')
  const launched = await launchApp(profiles.create())
  const exited = once(launched.app.process(), 'exit')
  await launched.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close())
  await exited
})

test('macOS: closing the window keeps the app in the Dock, and activating it opens the window again', async () => {
  test.skip(process.platform !== 'darwin', 'only macOS keeps an app running without a window')
  ;({ app } = await launchApp(profiles.create()))
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].close())
  await expect.poll(windowCount).toBe(0)
  expect(app.process().exitCode).toBeNull()

  // What a click on the Dock icon emits (the Dock itself cannot be clicked from a test).
  const reopened = app.waitForEvent('window')
  await app.evaluate(({ app: electronApp }) => electronApp.emit('activate', {}, false))
  const page = await reopened
  await expect(page).toHaveTitle('Stampede')
  await expect(locateApp(page).submit).toBeVisible()
  expect(await windowCount()).toBe(1)
})

test('an engine killed mid-run is reported with why it died', async () => {
  let page
  ;({ app, page } = await launchApp(profiles.create()))
  const ui = locateApp(page)
  const held = await targets.start(answerThenHold(100))
  await ui.url.fill(held.url)
  await ui.requests.fill('100000')
  await ui.concurrency.fill('10')
  await ui.submit.click()
  await held.waitForReceived(110)
  const [engine] = await app.evaluate(({ app: electronApp }) =>
    electronApp
      .getAppMetrics()
      .filter((metric) => metric.type === 'Utility' && metric.name === 'Stampede engine')
      .map((metric) => metric.pid)
  )
  process.kill(engine, 'SIGKILL')
  // From app's child-process-gone: SIGKILL on macOS and Linux, TerminateProcess on Windows, "killed" on each.
  await expect(ui.notice).toContainText(/engine process stopped unexpectedly/i)
  await expect(ui.notice).toContainText('it was killed')
})
