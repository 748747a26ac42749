import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, type ElectronApplication } from '@playwright/test'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// The window opens where it was closed, and a damaged or unreachable remembered place is ignored.
skipWithoutElectron()

const profiles = new UserDataDirs()
const apps: ElectronApplication[] = []
const STATE_FILE = 'window-state.json'
const DEFAULT_SIZE = [1000, 760]

test.afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
  profiles.removeAll()
})

async function launch(profile: string): Promise<ElectronApplication> {
  const { app } = await launchApp(profile)
  apps.push(app)
  return app
}

async function closeApp(app: ElectronApplication): Promise<void> {
  apps.splice(apps.indexOf(app), 1)
  await app.close()
}

const windowBounds = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getNormalBounds())

test('the window reopens with the size and place it had when it closed', async () => {
  const profile = profiles.create()
  const first = await launch(profile)
  const wanted = await first.evaluate(({ BrowserWindow, screen }) => {
    const { workArea } = screen.getPrimaryDisplay()
    const bounds = { x: workArea.x + 60, y: workArea.y + 70, width: 900, height: 700 }
    BrowserWindow.getAllWindows()[0].setBounds(bounds)
    return bounds
  })
  await expect.poll(async () => (await windowBounds(first)).width).toBe(wanted.width)
  await closeApp(first)

  const saved = JSON.parse(readFileSync(join(profile, STATE_FILE), 'utf8'))
  expect(saved).toMatchObject({ bounds: { width: 900, height: 700 }, maximized: false })

  const second = await launch(profile)
  const reopened = await windowBounds(second)
  expect([reopened.width, reopened.height]).toEqual([900, 700])
  // A window manager may nudge a window by its frame; the place is the saved one within that.
  expect(Math.abs(reopened.x - saved.bounds.x)).toBeLessThanOrEqual(40)
  expect(Math.abs(reopened.y - saved.bounds.y)).toBeLessThanOrEqual(40)
})

test('a damaged file is ignored: default size, and the app works', async () => {
  const profile = profiles.create()
  writeFileSync(join(profile, STATE_FILE), '{"bounds": {"x": 10, "y": ')
  const app = await launch(profile)
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getSize())).toEqual(DEFAULT_SIZE)
})

test('a place on a display that is gone is ignored: the window opens on a display', async () => {
  const profile = profiles.create()
  writeFileSync(
    join(profile, STATE_FILE),
    JSON.stringify({ bounds: { x: 50_000, y: 40_000, width: 900, height: 700 }, maximized: false })
  )
  const app = await launch(profile)
  const placement = await app.evaluate(({ BrowserWindow, screen }) => {
    const bounds = BrowserWindow.getAllWindows()[0].getBounds()
    const onADisplay = screen.getAllDisplays().some(({ workArea }) => {
      const overlapX = Math.min(bounds.x + bounds.width, workArea.x + workArea.width) - Math.max(bounds.x, workArea.x)
      const overlapY = Math.min(bounds.y + bounds.height, workArea.y + workArea.height) - Math.max(bounds.y, workArea.y)
      return overlapX > 0 && overlapY > 0
    })
    return { size: [bounds.width, bounds.height], onADisplay }
  })
  expect(placement).toEqual({ size: DEFAULT_SIZE, onADisplay: true })
})

test('a maximised window reopens maximised', async () => {
  // X11 says a window is maximised only through a window manager, and xvfb runs without one.
  test.skip(process.platform === 'linux', 'needs a window manager')
  const profile = profiles.create()
  const first = await launch(profile)
  await first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].maximize())
  await expect.poll(() => first.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].isMaximized())).toBe(true)
  await closeApp(first)
  expect(JSON.parse(readFileSync(join(profile, STATE_FILE), 'utf8')).maximized).toBe(true)

  const second = await launch(profile)
  await expect.poll(() => second.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].isMaximized())).toBe(true)
})

test('nothing is written until the window closes', async () => {
  const profile = profiles.create()
  const app = await launch(profile)
  expect(existsSync(join(profile, STATE_FILE))).toBe(false)
  await closeApp(app)
  expect(existsSync(join(profile, STATE_FILE))).toBe(true)
})
