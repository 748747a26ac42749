import { fork, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { constants } from 'node:os'

/**
 * The `electron` module as out/main/index.js uses it, played by Node: enough to run main's start-up
 * and its IPC for real under Node. Utility processes are real Node children behaving as Electron 45's
 * do (lib/browser/api/utility-process.ts, shell/browser/api/electron_api_utility_process.cc): 'spawn'
 * once launched, kill() a no-op before that, a numeric exit code (the signal's number when a signal
 * ended it, 0 when we killed it), and app's 'child-process-gone' with why, after the 'exit' (its
 * exitCode waitpid's raw status on POSIX, as Chromium gives it).
 */

type Listener = (event: unknown, ...args: unknown[]) => unknown

class ChildBackedUtilityProcess extends EventEmitter {
  private child: ChildProcess
  private spawned = false
  private killedByUs = false

  constructor(modulePath: string, app: FakeApp, serviceName: string) {
    super()
    this.child = fork(modulePath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' })
    this.child.on('spawn', () => {
      this.spawned = true
      this.emit('spawn')
    })
    this.child.on('message', (message) => this.emit('message', message))
    this.child.on('exit', (code, signal) => {
      const exitCode = this.killedByUs ? 0 : (code ?? constants.signals[signal as NodeJS.Signals])
      this.spawned = false
      this.emit('exit', exitCode)
      if (!this.killedByUs && exitCode !== 0) {
        const reason = signal === 'SIGKILL' || signal === 'SIGTERM' ? 'killed' : signal ? 'crashed' : 'abnormal-exit'
        // As Chromium reports it: waitpid's raw status on POSIX (256 for exit(1)), the code on Windows.
        const rawStatus = process.platform === 'win32' || signal ? exitCode : exitCode << 8
        app.emit('child-process-gone', {}, { type: 'Utility', reason, exitCode: rawStatus, serviceName: 'node.mojom.NodeService', name: serviceName })
      }
    })
  }

  get pid(): number | undefined {
    return this.spawned ? this.child.pid : undefined
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object)
  }

  kill(): boolean {
    if (!this.spawned) return false
    this.killedByUs = true
    return this.child.kill()
  }

  /** The test's own hand: a pid to signal, and whether the child is gone. */
  get nodeChild(): ChildProcess {
    return this.child
  }
}

export class FakeApp extends EventEmitter {
  readonly quit = (): void => {
    this.quitCalls++
  }
  quitCalls = 0
  isPackaged = false
  readonly name = 'Stampede'
  singleInstance = true
  readyAt: number | undefined
  aboutPanel: unknown
  private markReady!: () => void
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve))

  constructor(private readonly userData: string) {
    super()
  }

  requestSingleInstanceLock = (): boolean => this.singleInstance
  setAppUserModelId = (): void => {}
  whenReady = (): Promise<void> => this.ready
  getVersion = (): string => '0.0.0-test'
  getPath = (name: string): string => {
    if (name === 'documents') return `${this.userData}/Documents`
    if (name !== 'userData') throw new Error(`getPath(${name}) is not faked`)
    return this.userData
  }
  setAboutPanelOptions = (options: unknown): void => {
    this.aboutPanel = options
  }

  becomeReady(): void {
    this.readyAt = performance.now()
    this.markReady()
  }
}

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = []
  windowOpenHandler: (() => unknown) | undefined
  destroyed = false
  isDestroyed = (): boolean => this.destroyed
  send = (channel: string, payload: unknown): void => {
    this.sent.push({ channel, payload })
    this.emit('sent', channel, payload)
  }
  /** Resolves with the first payload sent on `channel` that passes `test`, sent already or to come. */
  received<T>(channel: string, test: (payload: T) => boolean = () => true): Promise<T> {
    const found = this.sent.find((message) => message.channel === channel && test(message.payload as T))
    if (found) return Promise.resolve(found.payload as T)
    return new Promise((resolve) => {
      const listener = (sentOn: string, payload: unknown): void => {
        if (sentOn !== channel || !test(payload as T)) return
        this.off('sent', listener)
        resolve(payload as T)
      }
      this.on('sent', listener)
    })
  }
  setWindowOpenHandler = (handler: () => unknown): void => {
    this.windowOpenHandler = handler
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = []
  static getAllWindows = (): FakeBrowserWindow[] => FakeBrowserWindow.all.filter((window) => !window.destroyed)
  readonly webContents = new FakeWebContents()
  loadedUrl: string | undefined
  destroyed = false
  focused = 0
  minimized = false

  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.all.push(this)
  }

  loadURL = async (url: string): Promise<void> => {
    this.loadedUrl = url
  }
  /** show() and maximize(), in the order they came, with whether ready-to-show had been emitted. */
  readonly shown: Array<{ call: 'show' | 'maximize'; readyToShow: boolean }> = []
  private readyToShow = false
  show = (): void => {
    this.shown.push({ call: 'show', readyToShow: this.readyToShow })
  }
  maximize = (): void => {
    this.shown.push({ call: 'maximize', readyToShow: this.readyToShow })
  }
  /** Chromium has painted the page: what Electron emits as ready-to-show. */
  becomeReadyToShow(): void {
    this.readyToShow = true
    this.emit('ready-to-show')
  }
  isDestroyed = (): boolean => this.destroyed
  isMinimized = (): boolean => this.minimized
  restore = (): void => {
    this.minimized = false
  }
  focus = (): void => {
    this.focused++
  }
  isMaximized = (): boolean => false
  getNormalBounds = (): { x: number; y: number; width: number; height: number } => ({
    x: 10,
    y: 20,
    width: 800,
    height: 600
  })
  close = (): void => {
    this.emit('close')
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

export interface FakeElectronMain {
  app: FakeApp
  BrowserWindow: typeof FakeBrowserWindow
  protocol: {
    privileged: unknown[]
    privilegedAt: number | undefined
    handlers: Map<string, (request: Request) => Promise<Response>>
    registerSchemesAsPrivileged(schemes: unknown[]): void
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void
  }
  Menu: { applied: unknown; buildFromTemplate(template: unknown): unknown; setApplicationMenu(menu: unknown): void }
  screen: { getAllDisplays(): Array<{ workArea: { x: number; y: number; width: number; height: number } }> }
  session: { defaultSession: { headerPolicy: unknown[]; webRequest: { onHeadersReceived(listener: unknown): void }; setPermissionRequestHandler(handler: unknown): void; setPermissionCheckHandler(handler: unknown): void } }
  shell: { opened: string[]; openExternal(url: string): Promise<void> }
  utilityProcess: { forked: Array<{ modulePath: string; serviceName: string; process: ChildBackedUtilityProcess }>; fork(modulePath: string, args: string[], options: { serviceName: string }): ChildBackedUtilityProcess }
  ipcMain: { handlers: Map<string, Listener>; handle(channel: string, listener: Listener): void; removeHandler(channel: string): void }
  dialog: FakeDialog
}

/** Electron's dialog: records each dialog's options and answers with the next path of `answers` (none: cancelled). */
export interface FakeDialog {
  asked: Array<{ dialog: 'save' | 'open'; options: { defaultPath?: string } }>
  answers: string[]
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }>
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }>
}

export function fakeElectronMain(userData: string): FakeElectronMain {
  const app = new FakeApp(userData)
  FakeBrowserWindow.all.length = 0
  const electron: FakeElectronMain = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      privileged: [],
      privilegedAt: undefined,
      handlers: new Map(),
      registerSchemesAsPrivileged(schemes) {
        this.privileged.push(...schemes)
        this.privilegedAt = performance.now()
      },
      handle(scheme, handler) {
        this.handlers.set(scheme, handler)
      }
    },
    Menu: {
      applied: undefined,
      buildFromTemplate: (template) => ({ template }),
      setApplicationMenu(menu) {
        this.applied = menu
      }
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    session: {
      defaultSession: {
        headerPolicy: [],
        webRequest: {
          onHeadersReceived: (listener) => {
            // Plays one response through the listener and keeps what it sets.
            ;(listener as (details: unknown, callback: (response: unknown) => void) => void)(
              { responseHeaders: { 'Content-Type': ['text/html'] } },
              (response) => electron.session.defaultSession.headerPolicy.push(response)
            )
          }
        },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {}
      }
    },
    shell: {
      opened: [],
      async openExternal(url) {
        this.opened.push(url)
      }
    },
    utilityProcess: {
      forked: [],
      // A plain function, as Electron's is (main passes it on detached from the module).
      fork: (modulePath, _args, { serviceName }) => {
        const process = new ChildBackedUtilityProcess(modulePath, app, serviceName)
        electron.utilityProcess.forked.push({ modulePath, serviceName, process })
        return process
      }
    },
    dialog: {
      asked: [],
      answers: [],
      // (options) or (window, options), as Electron takes them.
      async showSaveDialog(...args) {
        this.asked.push({ dialog: 'save', options: args.at(-1) as { defaultPath?: string } })
        const path = this.answers.shift()
        return { canceled: path === undefined, filePath: path ?? '' }
      },
      async showOpenDialog(...args) {
        this.asked.push({ dialog: 'open', options: args.at(-1) as { defaultPath?: string } })
        const path = this.answers.shift()
        return { canceled: path === undefined, filePaths: path === undefined ? [] : [path] }
      }
    },
    ipcMain: {
      handlers: new Map(),
      handle(channel, listener) {
        if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        this.handlers.set(channel, listener)
      },
      removeHandler(channel) {
        this.handlers.delete(channel)
      }
    }
  }
  return electron
}
