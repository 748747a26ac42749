import { once } from 'node:events'
import { test, expect, type ElectronApplication, type Page } from '@playwright/test'
import type { RunRecordSummary } from '../../src/shared/run-history'
import { locateApp } from '../support/app-locators'
import { TargetServers } from '../support/target-server'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// The run history in the real app: node:sqlite inside Electron's own Node, a file in the profile
// that outlives the app.
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

test('a run is kept in the history, and the History lists it after the app restarts on the same profile', async () => {
  const profile = profiles.create()
  const server = await targets.start()
  let page: Page
  ;({ app, page } = await launchApp(profile))
  const ui = locateApp(page)
  await ui.url.fill(server.url)
  await ui.requests.fill('150')
  await ui.concurrency.fill('5')
  await ui.submit.click()
  await expect(ui.progressPanel).toContainText('150 / 150')
  expect(server.received).toBe(150)

  const listRuns = (): Promise<RunRecordSummary[]> =>
    page.evaluate(() => (globalThis as unknown as { api: { listRuns(): Promise<RunRecordSummary[]> } }).api.listRuns())
  const status = await page.evaluate(() => (globalThis as unknown as { api: { historyStatus(): Promise<unknown> } }).api.historyStatus())
  // No warning: Electron's Node has node:sqlite, and the profile's file opened cleanly.
  expect(status).toMatchObject({ available: true, runCount: 1 })
  expect(status).not.toHaveProperty('message')
  const before = await listRuns()
  expect(before).toMatchObject([{ url: server.url, outcome: 'finished', source: 'app' }])

  // Quit (as the window's close does off macOS; app.quit() everywhere), then start again on the profile.
  const exited = once(app.process(), 'exit')
  await app.evaluate(({ app: electronApp }) => electronApp.quit())
  await exited
  app = undefined
  ;({ app, page } = await launchApp(profile))
  expect(await listRuns()).toEqual(before)

  // The list as the History view draws it: a run of no saved test is named by its method and URL.
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Run history' })).toContainText(`GET ${server.url}`)
})
