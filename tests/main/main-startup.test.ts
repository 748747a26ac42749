import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import { minimatch } from 'minimatch'
import { afterEach, describe, expect, it } from 'vitest'
import packageJson from '../../package.json'
import { contentSecurityPolicy } from '../../src/shared/content-security-policy'
import { eventChannel, requestChannel, REQUEST_NAMES, type RequestName } from '../../src/shared/ipc'
import type { RunResult } from '../../src/shared/run-snapshot'
import { sqliteMissing } from '../support/history-runs'
import { answerThenHold, TargetServers } from '../support/target-server'
import { fakeElectronMain, type FakeBrowserWindow, type FakeElectronMain } from './fake-electron-main'

// Main's start-up as built (out/main/index.js, `npm run build`), run under Node with only the
// `electron` module faked (./fake-electron-main.ts): the order of its calls, the window it opens,
// the page it serves, the IPC it answers, and real engine and demo-target children behind it.
const BUNDLE = resolve('out/main/index.js')
const nodeRequire = createRequire(import.meta.url)
type ModuleLoader = { _load: (request: string, ...rest: unknown[]) => unknown }
const loader = Module as unknown as ModuleLoader

const targets = new TargetServers()
const started: FakeElectronMain[] = []
const profiles: string[] = []

afterEach(async () => {
  for (const electron of started.splice(0)) {
    electron.app.emit('will-quit')
    await Promise.all(
      electron.utilityProcess.forked.map(({ process }) => {
        const child = process.nodeChild
        if (child.exitCode !== null || child.signalCode !== null) return undefined
        return new Promise((resolve) => child.once('exit', resolve))
      })
    )
  }
  await targets.closeAll()
  for (const dir of profiles.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Loads main's bundle afresh with `electron` faked and the environment given; returns the fakes. */
function startMain(
  options: { isPackaged?: boolean; rendererUrl?: string; singleInstance?: boolean; bundle?: string; windowState?: object; profile?: string } = {}
): FakeElectronMain {
  const bundle = options.bundle ?? BUNDLE
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'stampede-main-'))
  if (!options.profile) profiles.push(profile)
  if (options.windowState) writeFileSync(join(profile, 'window-state.json'), JSON.stringify(options.windowState))
  const electron = fakeElectronMain(profile)
  electron.app.isPackaged = options.isPackaged ?? false
  electron.app.singleInstance = options.singleInstance ?? true
  const load = loader._load
  // electron-vite's types make the variable read-only; this test is what sets it.
  const env = process.env as Record<string, string | undefined>
  const savedUrl = env.ELECTRON_RENDERER_URL
  loader._load = function (request, ...rest) {
    return request === 'electron' ? electron : load.call(this, request, ...rest)
  }
  if (options.rendererUrl === undefined) delete env.ELECTRON_RENDERER_URL
  else env.ELECTRON_RENDERER_URL = options.rendererUrl
  try {
    delete nodeRequire.cache[bundle]
    nodeRequire(bundle)
  } finally {
    loader._load = load
    if (savedUrl === undefined) delete env.ELECTRON_RENDERER_URL
    else env.ELECTRON_RENDERER_URL = savedUrl
  }
  started.push(electron)
  return electron
}

async function ready(electron: FakeElectronMain): Promise<FakeBrowserWindow> {
  electron.app.becomeReady()
  await new Promise((resolve) => setImmediate(resolve))
  const [window] = electron.BrowserWindow.getAllWindows()
  return window
}

const fromFrame = (url: string) => ({ senderFrame: { url } })
const invoke = (electron: FakeElectronMain, name: RequestName, frameUrl: string, ...args: unknown[]): unknown =>
  electron.ipcMain.handlers.get(requestChannel(name))!(fromFrame(frameUrl), ...args)
const OUR_PAGE = 'stampede://app/index.html'

describe('main at start-up', () => {
  it('registers the stampede scheme as privileged before ready, and handles it only once ready', async () => {
    const electron = startMain()
    expect(electron.protocol.privileged).toEqual([{ scheme: 'stampede', privileges: { standard: true, secure: true, codeCache: true } }])
    expect(electron.protocol.handlers.size).toBe(0)
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0)
    await ready(electron)
    expect(electron.protocol.privilegedAt).toBeLessThan(electron.app.readyAt!)
    expect([...electron.protocol.handlers.keys()]).toEqual(['stampede'])
  })

  it('serves the built page and every file it names, with the strict policy, and nothing beside it', async () => {
    const electron = startMain()
    await ready(electron)
    const serve = electron.protocol.handlers.get('stampede')!
    const page = await serve(new Request(OUR_PAGE))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(false))
    const html = await page.text()
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1])
    expect(assets.length).toBeGreaterThanOrEqual(2)
    for (const asset of assets) {
      const response = await serve(new Request(`stampede://app/${asset}`))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/(javascript|css)/)
    }
    // main's own bundle sits next door in out/main: unreachable.
    for (const url of ['stampede://app/..%2fmain%2findex.js', 'stampede://app/%2e%2e/main/index.js']) {
      expect((await serve(new Request(url))).status).toBe(404)
    }
  })

  it('opens one locked-down window on stampede://app, with a preload that exists', async () => {
    const electron = startMain()
    const window = await ready(electron)
    expect(window.loadedUrl).toBe(OUR_PAGE)
    const preferences = window.options.webPreferences as Record<string, unknown>
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(existsSync(preferences.preload as string)).toBe(true)
    expect(window.webContents.windowOpenHandler?.()).toEqual({ action: 'deny' })
    const navigate = (url: string): boolean => {
      let prevented = false
      window.webContents.emit('will-navigate', { url, preventDefault: () => (prevented = true) })
      return prevented
    }
    expect(navigate('https://example.com/')).toBe(true)
    expect(navigate('file:///etc/passwd')).toBe(true)
    expect(navigate('stampede://app/index.html#/x')).toBe(false)
    expect(electron.session.defaultSession.headerPolicy).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy(false)] } }
    ])
  })

  it('sets the menu (Help → README opens the homepage outside) and the About panel', async () => {
    const electron = startMain()
    await ready(electron)
    const { template } = electron.Menu.applied as { template: Array<{ role?: string; label?: string; submenu?: Array<{ id?: string; click?: () => void }> }> }
    const help = template.find((item) => item.role === 'help')
    help?.submenu?.find((item) => item.id === 'help-readme')?.click?.()
    expect(electron.shell.opened).toEqual([packageJson.homepage])
    expect(electron.app.aboutPanel).toMatchObject({ applicationName: 'Stampede', applicationVersion: '0.0.0-test' })
  })

  it.each([true, false])('shows the window (maximized: %s) only at ready-to-show, maximizing it there, never before', async (maximized) => {
    const electron = startMain({ windowState: { bounds: { x: 40, y: 30, width: 900, height: 700 }, maximized } })
    const window = await ready(electron)
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 900, height: 700, show: false })
    expect(window.shown).toEqual([])
    window.becomeReadyToShow()
    expect(window.shown).toEqual([...(maximized ? [{ call: 'maximize', readyToShow: true }] : []), { call: 'show', readyToShow: true }])
  })

  it('a second copy quits at once, opening and registering nothing', async () => {
    const electron = startMain({ singleInstance: false })
    expect(electron.app.quitCalls).toBe(1)
    electron.app.becomeReady()
    await new Promise((resolve) => setImmediate(resolve))
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(0)
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('the first copy brings its window back when a second is launched', async () => {
    const electron = startMain()
    const window = await ready(electron)
    window.minimized = true
    electron.app.emit('second-instance')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(1)
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1)
  })
})

describe.skipIf(sqliteMissing)('quitting', () => {
  it('closes the history at will-quit itself, not once the children have exited', async () => {
    const electron = startMain()
    await ready(electron)
    // A test saved: a write, so the history's write-ahead log is there until the file is closed.
    const test = { name: 'Quit', plan: { url: 'http://127.0.0.1:9/', totalRequests: 1, concurrency: 1 }, thresholds: [] }
    expect(await invoke(electron, 'saveTest', OUR_PAGE, test)).toMatchObject({ ok: true })
    await invoke(electron, 'startDemoTarget', OUR_PAGE)
    const wal = join(electron.app.getPath('userData'), 'history.sqlite-wal')
    expect(existsSync(wal)).toBe(true)
    electron.app.emit('will-quit')
    // Closed in the same turn: SQLite folds the log into the file and removes it on the last close.
    expect(existsSync(wal)).toBe(false)
  })
})

describe('file dialogs', () => {
  // Since Electron 43 a dialog without defaultPath opens in Downloads and forgets where the user went.
  it('open where this kind of file was last saved or opened, also after a restart; another kind does not', async () => {
    const electron = startMain()
    await ready(electron)
    const chosen = mkdtempSync(join(tmpdir(), 'stampede-chosen-'))
    profiles.push(chosen)
    const test = { name: 'Checkout', plan: { url: 'http://127.0.0.1:9/', totalRequests: 1, concurrency: 1 }, thresholds: [] }
    const file = join(chosen, 'checkout.stampede.yaml')
    electron.dialog.answers.push(file, file, file)
    expect(await invoke(electron, 'exportTestFile', OUR_PAGE, test)).toEqual({ ok: true, saved: file })
    expect(await invoke(electron, 'exportTestFile', OUR_PAGE, test)).toEqual({ ok: true, saved: file })
    expect(await invoke(electron, 'importTestFile', OUR_PAGE)).toMatchObject({ ok: true, file })
    if (!sqliteMissing) expect(await invoke(electron, 'importRunFile', OUR_PAGE)).toEqual({ ok: true })
    const documents = electron.app.getPath('documents')
    expect(electron.dialog.asked.map(({ dialog, options }) => [dialog, options.defaultPath])).toEqual([
      ['save', join(documents, 'checkout.stampede.yaml')],
      ['save', file],
      ['open', chosen],
      // A result to import is another kind: its dialog is not sent to the test files' folder.
      ...(sqliteMissing ? [] : [['open', undefined]])
    ])

    electron.app.emit('will-quit')
    const restarted = startMain({ profile: electron.app.getPath('userData') })
    await ready(restarted)
    expect(await invoke(restarted, 'importTestFile', OUR_PAGE)).toEqual({ ok: true })
    expect(restarted.dialog.asked.map(({ options }) => options.defaultPath)).toEqual([chosen])
  })
})

describe('packaged: out/ inside app.asar, as electron-builder lays it out', () => {
  it("gives Linux's About panel an icon file outside app.asar, where electron-builder.yml unpacks it", async () => {
    // A folder named app.asar stands in for the archive (GTK could not read inside a real one), and
    // app.asar.unpacked beside it holds what electron-builder.yml's asarUnpack patterns match.
    const resources = mkdtempSync(join(tmpdir(), 'stampede-packaged-'))
    profiles.push(resources)
    const asar = join(resources, 'app.asar')
    cpSync(resolve('out'), join(asar, 'out'), { recursive: true })
    cpSync(resolve('resources'), join(asar, 'resources'), { recursive: true })
    symlinkSync(resolve('node_modules'), join(asar, 'node_modules'), 'junction')
    const { asarUnpack } = await getConfig(process.cwd(), null, null)
    const patterns = [asarUnpack ?? []].flat() as string[]
    const appFiles = readdirSync(resolve('resources'), { recursive: true }).map((file) => `resources/${String(file).replaceAll('\\', '/')}`)
    for (const file of appFiles.filter((file) => patterns.some((pattern) => minimatch(file, pattern)))) {
      mkdirSync(dirname(join(resources, 'app.asar.unpacked', file)), { recursive: true })
      cpSync(resolve(file), join(resources, 'app.asar.unpacked', file))
    }

    const electron = startMain({ isPackaged: true, bundle: join(asar, 'out/main/index.js') })
    const window = await ready(electron)
    const { iconPath } = electron.app.aboutPanel as { iconPath: string }
    expect(relative(asar, iconPath).startsWith('..')).toBe(true)
    expect(existsSync(iconPath)).toBe(true)
    if (process.platform === 'linux') expect(window.options.icon).toBe(iconPath)
  })
})

describe('ELECTRON_RENDERER_URL', () => {
  it('is obeyed unpackaged: the dev server page, its origin trusted, its CSP relaxed', async () => {
    const electron = startMain({ rendererUrl: 'http://localhost:5173/' })
    const window = await ready(electron)
    expect(window.loadedUrl).toBe('http://localhost:5173/')
    expect(JSON.stringify(electron.session.defaultSession.headerPolicy)).toContain("'unsafe-inline'")
    expect(await invoke(electron, 'cancelRun', 'http://localhost:5173/')).toEqual({ cancelled: false, done: 0 })
  })

  it('is ignored when packaged: the built page, nothing else trusted, the strict CSP', async () => {
    const electron = startMain({ isPackaged: true, rendererUrl: 'https://evil.example/' })
    const window = await ready(electron)
    expect(window.loadedUrl).toBe(OUR_PAGE)
    expect(JSON.stringify(electron.session.defaultSession.headerPolicy)).not.toContain('unsafe-')
    for (const name of REQUEST_NAMES) {
      expect(() => invoke(electron, name, 'https://evil.example/')).toThrow(/^Refused/)
    }
    expect(await invoke(electron, 'cancelRun', OUR_PAGE)).toEqual({ cancelled: false, done: 0 })
  })
})

describe('runs through utility processes', () => {
  it('the demo target and a run work end to end, and the server counts exactly the run', async () => {
    const electron = startMain()
    const window = await ready(electron)
    const { url } = (await invoke(electron, 'startDemoTarget', OUR_PAGE)) as { url: string }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const target = await targets.start()
    const reply = (await invoke(electron, 'startRun', OUR_PAGE, { url: target.url, totalRequests: 300, concurrency: 4 })) as { runId: number }
    const done = await window.webContents.received<RunResult>(eventChannel('done'), (result) => result.runId === reply.runId)
    expect(done).toMatchObject({ outcome: 'finished', done: 300 })
    expect(target.received).toBe(300)
    // Stored in the profile's history by the time the window heard `done` (on a Node without
    // node:sqlite the history says why it is off, and the run went on all the same).
    const location = join(electron.app.getPath('userData'), 'history.sqlite')
    if (sqliteMissing) {
      expect(await invoke(electron, 'historyStatus', OUR_PAGE)).toMatchObject({ available: false, message: sqliteMissing, location })
    } else {
      expect(await invoke(electron, 'listRuns', OUR_PAGE)).toMatchObject([{ url: target.url, outcome: 'finished', source: 'app' }])
      expect(await invoke(electron, 'historyStatus', OUR_PAGE)).toMatchObject({ available: true, runCount: 1, location })
    }
    const forked = electron.utilityProcess.forked.map(({ modulePath, serviceName }) => [modulePath, serviceName])
    expect(forked).toContainEqual([resolve('out/main/demo-target.js'), 'Stampede demo target'])
    expect(forked).toContainEqual([resolve('out/main/engine.js'), 'Stampede engine'])
  })

  it('an engine killed mid-run ends the run as crashed, saying it was killed', async () => {
    const electron = startMain()
    const window = await ready(electron)
    const held = await targets.start(answerThenHold(50))
    const reply = (await invoke(electron, 'startRun', OUR_PAGE, { url: held.url, totalRequests: 100_000, concurrency: 5 })) as { runId: number }
    await held.waitForReceived(55)
    const engine = electron.utilityProcess.forked.find(({ serviceName }) => serviceName === 'Stampede engine')!
    engine.process.nodeChild.kill('SIGKILL')
    const done = await window.webContents.received<RunResult>(eventChannel('done'), (result) => result.runId === reply.runId)
    expect(done.outcome).toBe('crashed')
    expect(done.message).toContain('it was killed')
  })

  it('closing the window saves its place, cancels the run and (off macOS) quits; quitting ends every child', async () => {
    const electron = startMain()
    const window = await ready(electron)
    const held = await targets.start(answerThenHold(0))
    const reply = await invoke(electron, 'startRun', OUR_PAGE, { url: held.url, totalRequests: 100_000, concurrency: 3 })
    expect(reply).toMatchObject({ ok: true })
    await held.waitForReceived(3)
    window.close()
    electron.app.emit('window-all-closed')
    expect(electron.app.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1)
    const profile = electron.app.getPath('userData')
    expect(JSON.parse(readFileSync(join(profile, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 10, y: 20, width: 800, height: 600 },
      maximized: false
    })
    // The cancel closed the connections, and no request started after it.
    await held.waitForSocketsClosed()
    expect(held.received).toBe(3)

    const children = electron.utilityProcess.forked.map(({ process }) => process.nodeChild)
    const exits = children.map((child) =>
      child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((settle) => child.once('exit', settle))
    )
    electron.app.emit('will-quit')
    await Promise.all(exits)
    for (const child of children) expect(child.exitCode !== null || child.signalCode !== null).toBe(true)
  })
})
