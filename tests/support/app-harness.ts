import { test as base, expect, type Page } from '@playwright/test'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppBackend, type AppBackend } from '../../src/main/app-backend'
import { builtEntryPath, type BuiltEntryName } from '../../src/control/built-entries'
import { spawnNodeProcess } from '../../src/control/node-process'
import { readTextFile } from '../../src/control/read-text-file'
import { BUILD_OUT_DIR } from './child-processes'
import type { ProcessChannel, ProcessSpawner } from '../../src/control/process-channel'
import type { FromDemoTarget, FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { bundlePageBridge, connectPage, type ApiBridge } from './api-bridge'
import { RENDERER_DIR, serveRenderer, type RendererServer } from './renderer-server'
import { locateApp, type AppLocators } from './app-locators'
import { respondOk, TargetServers, type Responder, type TargetOptions, type TargetServer } from './target-server'

/**
 * Layer 3's fixture: the built renderer in Chromium, wired to main's real back end and a real
 * engine process (a Node child instead of a utility process). Each test gets its own back end,
 * its own target servers, and ends with every child process gone.
 */

const CHILD_EXIT_TIMEOUT_MS = 5_000

export interface StampedeApp {
  readonly page: Page
  readonly bridge: ApiBridge
  readonly backend: AppBackend
  readonly ui: AppLocators
  /** This test's own data folder (the app's user-data folder), removed after it. */
  readonly dataFolder: string
  /** A counting target for this test alone, closed after it (HTTPS with `options.tls`). */
  startTarget(responder?: Responder, options?: TargetOptions): Promise<TargetServer>
  /** Kills the live engine process the way a crash would (SIGKILL). */
  crashEngine(): void
  /** Types a plan into the form, as a user would. */
  fillPlan(url: string, requests: number, concurrency?: number): Promise<void>
  /** Progress messages main has received from engines (with the copies `progressCopies` adds). */
  readonly progressMessagesIntoMain: number
  /** Engine processes spawned since the test began (each worker of a run is one). */
  readonly enginesSpawned: number
  /** What main's save dialog was asked (its default file name) and the files main wrote, in order. */
  readonly saveDialog: { defaultNames: string[]; written: string[] }
  /** What main put on the clipboard, in order. */
  readonly clipboard: string[]
  /** Main's open dialog: how often it was shown, and the file the "user" picks in it (undefined: dismissed). */
  readonly openDialog: { asked: number; answer: string | undefined }
}

export interface HarnessOptions {
  /**
   * Main receives each engine snapshot this many times over, in a burst: a flood far above the
   * engine's own ~10/s, to show the throttle holds the page to its bound whatever comes in.
   */
  progressCopies: number
}

/** Wraps an engine spawner so each progress message reaches main `copies` times, counting them. */
function floodProgress(
  spawn: ProcessSpawner<ToEngine, FromEngine>,
  copies: number,
  counted: { messages: number }
): ProcessSpawner<ToEngine, FromEngine> {
  return () => {
    const channel = spawn()
    return {
      get pid() {
        return channel.pid
      },
      post: (message) => channel.post(message),
      onExit: (listener) => channel.onExit(listener),
      kill: () => channel.kill(),
      onMessage: (listener) =>
        channel.onMessage((message) => {
          const times = message.type === 'progress' ? copies : 1
          for (let i = 0; i < times; i++) {
            if (message.type === 'progress') counted.messages++
            listener(message)
          }
        })
    }
  }
}

/** Spawns built entries as Node children and remembers each one's exit, to prove none outlives a test. */
class ChildProcesses {
  private readonly children: Array<{
    entry: BuiltEntryName
    channel: ProcessChannel<unknown, unknown>
    exited: Promise<void>
    alive: boolean
  }> = []

  spawner<In, Out>(entry: BuiltEntryName): ProcessSpawner<In, Out> {
    return () => {
      const channel = spawnNodeProcess<In, Out>(builtEntryPath(entry, BUILD_OUT_DIR))
      const child = { entry, channel: channel as ProcessChannel<unknown, unknown>, exited: Promise.resolve(), alive: true }
      child.exited = new Promise<void>((resolve) =>
        channel.onExit(() => {
          child.alive = false
          resolve()
        })
      )
      this.children.push(child)
      return channel
    }
  }

  /** How many children of one entry were spawned, alive or not. */
  spawnedCount(entry: BuiltEntryName): number {
    return this.children.filter((child) => child.entry === entry).length
  }

  /** Pids of the children of one entry that are still running. */
  livePids(entry: BuiltEntryName): number[] {
    return this.children
      .filter((child) => child.entry === entry && child.alive && child.channel.pid !== undefined)
      .map((child) => child.channel.pid as number)
  }

  /** Resolves once all have exited; kills and reports any that are still there after the timeout. */
  async expectAllExited(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const allExited = Promise.all(this.children.map((child) => child.exited)).then(() => true)
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHILD_EXIT_TIMEOUT_MS)))
    const clean = await Promise.race([allExited, timedOut])
    clearTimeout(timer)
    if (clean) return
    const pids = this.children.map((child) => child.channel.pid)
    for (const child of this.children) child.channel.kill()
    throw new Error(`Child processes outlived backend.dispose(): pids ${pids.join(', ')}.`)
  }
}

export const test = base.extend<
  { app: StampedeApp } & HarnessOptions,
  { rendererServer: RendererServer; pageBridgeScript: string }
>({
  progressCopies: [1, { option: true }],
  rendererServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      if (!existsSync(join(RENDERER_DIR, 'index.html')) || !existsSync(builtEntryPath('engine', BUILD_OUT_DIR))) {
        throw new Error('No build in out/: run `npx electron-vite build` before the end-to-end tests.')
      }
      const server = await serveRenderer()
      await use(server)
      await server.close()
    },
    { scope: 'worker' }
  ],
  pageBridgeScript: [
    // eslint-disable-next-line no-empty-pattern -- as above.
    async ({}, use) => use(await bundlePageBridge()),
    { scope: 'worker' }
  ],
  app: async ({ page, rendererServer, pageBridgeScript, progressCopies }, use) => {
    const children = new ChildProcesses()
    const intoMain = { messages: 0 }
    const dataFolder = mkdtempSync(join(tmpdir(), 'stampede-e2e-data-'))
    // Main's dialog and clipboard, faked: the "user" always picks the default name in a temp folder.
    const exportDir = mkdtempSync(join(tmpdir(), 'stampede-export-'))
    const saveDialog = { defaultNames: [] as string[], written: [] as string[] }
    const clipboard: string[] = []
    const openDialog: { asked: number; answer: string | undefined } = { asked: 0, answer: undefined }
    const backend = createAppBackend(
      {
        engine: floodProgress(children.spawner<ToEngine, FromEngine>('engine'), progressCopies, intoMain),
        demoTarget: children.spawner<never, FromDemoTarget>('demo-target')
      },
      {
        dataFolder,
        destinations: {
          chooseSavePath: async (defaultName) => {
            saveDialog.defaultNames.push(defaultName)
            return join(exportDir, defaultName)
          },
          writeFile: async (path, text) => {
            await writeFile(path, text, 'utf8')
            saveDialog.written.push(path)
          },
          chooseOpenPath: async () => {
            openDialog.asked++
            return openDialog.answer
          },
          readFile: (path, maxBytes) => readTextFile(path, maxBytes),
          writeClipboard: async (text) => {
            clipboard.push(text)
          }
        }
      }
    )
    const targets = new TargetServers()
    const ui = locateApp(page)
    try {
      const bridge = await connectPage(page, backend, pageBridgeScript)
      await page.goto(rendererServer.url)
      await expect(page.getByRole('heading', { name: 'Stampede', level: 1 })).toBeVisible()
      await use({
        page,
        bridge,
        backend,
        ui,
        dataFolder,
        startTarget: (responder = respondOk, options) => targets.start(responder, options),
        crashEngine() {
          const [pid] = children.livePids('engine')
          if (pid === undefined) throw new Error('No engine process is running.')
          process.kill(pid, 'SIGKILL')
        },
        async fillPlan(url, requests, concurrency = 10) {
          await ui.url.fill(url)
          await ui.requests.fill(String(requests))
          await ui.concurrency.fill(String(concurrency))
        },
        get progressMessagesIntoMain() {
          return intoMain.messages
        },
        get enginesSpawned() {
          return children.spawnedCount('engine')
        },
        saveDialog,
        clipboard,
        openDialog
      })
      await bridge.close()
    } finally {
      await backend.dispose()
      await targets.closeAll()
      rmSync(dataFolder, { recursive: true, force: true })
      rmSync(exportDir, { recursive: true, force: true })
      await children.expectAllExited()
    }
  }
})

export { expect }
