import { test, expect, type ElectronApplication, type Page } from '@playwright/test'
import packageJson from '../../package.json'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// The application menu as Electron built it, Help → README in the browser (never in the window),
// and About with the version.
skipWithoutElectron()

const profiles = new UserDataDirs()
let app: ElectronApplication
let page: Page

test.beforeEach(async () => {
  ;({ app, page } = await launchApp(profiles.create()))
})

test.afterEach(async () => {
  await app?.close()
  profiles.removeAll()
})

test('the menu bar: File, Edit, View, Window, Help (after the app menu on macOS)', async () => {
  const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label))
  const expected = ['File', 'Edit', 'View', 'Window', 'Help']
  expect(labels).toEqual(process.platform === 'darwin' ? ['Stampede', ...expected] : expected)
})

test('Edit has the usual roles, so copy and paste work in the form', async () => {
  const roles = await app.evaluate(({ Menu }) =>
    Menu.getApplicationMenu()
      ?.items.find((item) => item.label === 'Edit')
      ?.submenu?.items.map((item) => item.role)
  )
  expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectall']))
})

test("Help → README opens package.json's homepage in the browser, and the window stays on the app", async () => {
  // shell.openExternal is replaced for the test: nothing must really open on the machine running it.
  await app.evaluate(({ shell }) => {
    const opened: string[] = []
    ;(globalThis as unknown as { opened: string[] }).opened = opened
    shell.openExternal = async (url: string) => {
      opened.push(url)
    }
  })
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('help-readme')?.click())
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened))
    .toEqual([packageJson.homepage])
  expect(page.url()).toBe('stampede://app/index.html')
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
})

test('About names the app and its version', async () => {
  expect(await app.evaluate(({ app: electronApp }) => [electronApp.name, electronApp.getVersion()])).toEqual([
    'Stampede',
    packageJson.version
  ])
  const about = await app.evaluate(({ Menu }) => {
    const all = Menu.getApplicationMenu()?.items.flatMap((item) => item.submenu?.items ?? []) ?? []
    const item = all.find((candidate) => candidate.role === 'about')
    return item && { label: item.label, menu: Menu.getApplicationMenu()?.items.find((top) => top.submenu?.items.includes(item))?.label }
  })
  // macOS keeps About in the app menu; elsewhere it is under Help (labelled "About" alone on Linux).
  const where = process.platform === 'darwin' ? 'Stampede' : 'Help'
  expect(about).toEqual({ label: process.platform === 'linux' ? 'About' : 'About Stampede', menu: where })
})

test('About shows the about panel (Windows, Linux)', async () => {
  test.skip(process.platform === 'darwin', 'macOS shows its own panel, which the test cannot close')
  // The item calls app.showAboutPanel, replaced here: the real one opens a dialog nobody would close.
  await app.evaluate(({ app: electronApp, Menu }) => {
    const shown: number[] = []
    ;(globalThis as unknown as { aboutShown: number[] }).aboutShown = shown
    electronApp.showAboutPanel = () => {
      shown.push(Date.now())
    }
    const all = Menu.getApplicationMenu()?.items.flatMap((item) => item.submenu?.items ?? []) ?? []
    all.find((item) => item.role === 'about')?.click()
  })
  expect(await app.evaluate(() => (globalThis as unknown as { aboutShown: number[] }).aboutShown)).toHaveLength(1)
})
