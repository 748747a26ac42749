import { test, expect, type ElectronApplication, type Page } from '@playwright/test'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// The page is served by main on stampede://app, with the Content-Security-Policy in force, and the
// window goes nowhere else: no file://, no other origin, no new windows (a middle click included).
skipWithoutElectron()

/**
 * The page's globals these specs touch, typed here: the Node-side tsconfig has no DOM, by design.
 * Each page.evaluate casts globalThis itself: its function runs in the page, apart from this module.
 */
interface PageElement {
  textContent: string | null
  id: string
  href: string
  target: string
}
interface PageGlobals {
  location: { href: string; origin: string }
  isSecureContext: boolean
  injected?: boolean
  api: { startRun: unknown }
  open(url: string): unknown
  document: {
    createElement(tag: string): PageElement
    body: { append(element: PageElement): void; prepend(element: PageElement): void }
    addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string }) => void): void
  }
}

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

test('the page comes from stampede://app, a secure origin of its own, with its scripts running', async () => {
  expect(page.url()).toBe('stampede://app/index.html')
  const seen = await page.evaluate(() => {
    const { location, isSecureContext } = globalThis as unknown as PageGlobals
    return { origin: location.origin, secure: isSecureContext }
  })
  expect(seen).toEqual({
    origin: 'stampede://app',
    secure: true
  })
  // The module script ran: the form is there and window.api answers.
  await expect(page.getByRole('button', { name: 'Submit', exact: true })).toBeVisible()
  expect(await page.evaluate(() => typeof (globalThis as unknown as PageGlobals).api.startRun)).toBe('function')
})

test('main serves only out/renderer: a traversal answers 404, a page 200 with the policy', async () => {
  const answers = await app.evaluate(async ({ net }) => {
    const status = async (url: string) => {
      const response = await net.fetch(url)
      return { status: response.status, csp: response.headers.get('content-security-policy') }
    }
    return {
      page: await status('stampede://app/index.html'),
      up: await status('stampede://app/..%2f..%2fpackage.json'),
      upBackslash: await status('stampede://app/..%5c..%5cpackage.json'),
      missing: await status('stampede://app/nothing-here.js'),
      otherHost: await status('stampede://elsewhere/index.html')
    }
  })
  expect(answers.page.status).toBe(200)
  expect(answers.page.csp).toMatch(/default-src 'none'/)
  for (const refused of [answers.up, answers.upBackslash, answers.missing, answers.otherHost]) {
    expect(refused.status).toBe(404)
  }
})

test('the Content-Security-Policy holds on stampede://: an injected inline script does not run', async () => {
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string }>((resolve) => {
        const { document } = globalThis as unknown as PageGlobals
        document.addEventListener('securitypolicyviolation', (event) =>
          resolve({ ran: Boolean((globalThis as unknown as PageGlobals).injected), violated: event.violatedDirective })
        )
        const script = document.createElement('script')
        script.textContent = 'globalThis.injected = true'
        document.body.append(script)
      })
  )
  expect(outcome).toEqual({ ran: false, violated: expect.stringMatching(/^script-src/) })
})

/** Records will-navigate in main after the app's own handler, and whether it was refused. */
async function recordNavigations(): Promise<void> {
  await app.evaluate(({ BrowserWindow }) => {
    const seen: Array<{ url: string; refused: boolean }> = []
    ;(globalThis as unknown as { navigations: typeof seen }).navigations = seen
    BrowserWindow.getAllWindows()[0].webContents.on('will-navigate', (event) =>
      seen.push({ url: event.url, refused: event.defaultPrevented })
    )
  })
}
const navigations = (): Promise<Array<{ url: string; refused: boolean }>> =>
  app.evaluate(() => (globalThis as unknown as { navigations: Array<{ url: string; refused: boolean }> }).navigations)

test.describe('navigation', () => {
  // (A file: URL never gets as far: Chromium refuses it in the page itself, as any web origin's.)
  for (const target of ['https://example.com/', 'stampede://elsewhere/index.html']) {
    test(`to ${target} is refused and the page stays`, async () => {
      await recordNavigations()
      await page.evaluate((url) => {
        (globalThis as unknown as PageGlobals).location.href = url
      }, target)
      await expect.poll(navigations).toEqual([{ url: target, refused: true }])
      expect(page.url()).toBe('stampede://app/index.html')
      await expect(page.getByRole('button', { name: 'Submit', exact: true })).toBeVisible()
    })
  }
})

test('no new window opens: not by window.open, not by a middle click on a link', async () => {
  await app.evaluate(({ app: electronApp }) => {
    const created: string[] = []
    ;(globalThis as unknown as { created: string[] }).created = created
    electronApp.on('browser-window-created', (_event, window) => created.push(window.webContents.getURL()))
  })
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals
    const link = document.createElement('a')
    link.href = 'https://example.com/'
    link.target = '_blank'
    link.textContent = 'elsewhere'
    link.id = 'planted-link'
    document.body.prepend(link)
  })
  await page.click('#planted-link', { button: 'middle' })
  await page.click('#planted-link')
  // window.open answers only once main has judged it, after the clicks' requests, which came first.
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/'))
  expect(opened).toBeNull()
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  expect(await app.evaluate(() => (globalThis as unknown as { created: string[] }).created)).toEqual([])
  expect(page.url()).toBe('stampede://app/index.html')
})
