import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, clipboard, dialog, Menu, protocol, screen, session, shell, utilityProcess } from 'electron'
import { homepage } from '../../package.json'
import { builtEntryPath } from '../control/built-entries'
import { readTextFile } from '../control/read-text-file'
import { contentSecurityPolicy } from '../shared/content-security-policy'
import { DIALOG_FOLDERS_FILE, DialogFolders } from './dialog-folders'
import type { FileFilter, FileKind } from './file-destinations'
import { aboutPanelOptions, appMenuTemplate, readmeUrl } from './app-menu'
import { createAppBackend, type AppBackend } from './app-backend'
import { sendEvent, serveRequests } from './ipc'
import { ProcessGoneReasons } from './process-gone-reasons'
import { rendererLocation } from './renderer-location'
import { RENDERER_SCHEME_PRIVILEGES, serveRenderer } from './renderer-protocol'
import { spawnUtilityProcess } from './utility-process'
import { WINDOW_ICON, createMainWindow, lockDownSession } from './window'
import { WINDOW_STATE_FILE, placeWindow, readWindowState, rememberWindowState } from './window-state'

/** This bundle is out/main/index.js (inside app.asar when packaged). */
const BUILD_OUT_DIR = join(__dirname, '..')

// Chromium learns a scheme's privileges at start-up only: before ready, or never.
protocol.registerSchemesAsPrivileged([RENDERER_SCHEME_PRIVILEGES])

// A second copy would start a second engine against the same machine: focus the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL })
  const readme = readmeUrl(homepage)
  // Listening from the start: a utility process can be gone before anyone asks why.
  const goneReasons = new ProcessGoneReasons(app)
  let window: BrowserWindow | undefined
  let backend: AppBackend | undefined
  let folders: DialogFolders | undefined
  /** Read at the first dialog: nothing of it is needed to start. */
  const dialogFolders = (): DialogFolders => (folders ??= new DialogFolders(join(app.getPath('userData'), DIALOG_FOLDERS_FILE)))

  // Windows groups the taskbar entry and notifications by this id; it matches electron-builder's appId.
  app.setAppUserModelId('dev.stampede.app')

  /** Brings the window forward, or opens it when there is none (macOS keeps running windowless). */
  const showWindow = (): void => {
    if (!backend) return
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore()
      window.focus()
      return
    }
    window = openWindow(backend)
  }

  app.on('second-instance', showWindow)
  // macOS: a click on the Dock icon with no window open.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow()
  })

  void app.whenReady().then(() => {
    serveRenderer(protocol, join(BUILD_OUT_DIR, 'renderer'), contentSecurityPolicy(false))
    lockDownSession(session.defaultSession, contentSecurityPolicy(location.fromDevServer))
    app.setAboutPanelOptions(
      aboutPanelOptions({ appName: app.name, version: app.getVersion(), website: readme, iconPath: WINDOW_ICON })
    )
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          appName: app.name,
          isPackaged: app.isPackaged,
          // package.json's homepage, checked to be https by readmeUrl.
          openReadme: () => void shell.openExternal(readme) // eng-disable OPEN_EXTERNAL_JS_CHECK
        })
      )
    )
    const spawnDeps = { fork: utilityProcess.fork, goneReasons }
    backend = createAppBackend(
      {
        engine: () => spawnUtilityProcess(spawnDeps, builtEntryPath('engine', BUILD_OUT_DIR), 'Stampede engine'),
        demoTarget: () =>
          spawnUtilityProcess(spawnDeps, builtEntryPath('demo-target', BUILD_OUT_DIR), 'Stampede demo target')
      },
      {
        dataFolder: app.getPath('userData'),
        destinations: {
          chooseSavePath,
          chooseOpenPath,
          writeFile: (path, text) => writeFile(path, text, 'utf8'),
          readFile: readTextFile,
          writeClipboard: (text) => clipboard.writeText(text)
        }
      }
    )
    serveRequests(backend.handlers, location.isRendererUrl)
    showWindow()
  })

  /**
   * The native save dialog, over the window when there is one; the page never names a path. It
   * opens in the folder last used for this kind of file (Documents before any).
   */
  async function chooseSavePath(defaultName: string, filters: FileFilter[], kind: FileKind): Promise<string | undefined> {
    const folder = dialogFolders().last(kind) ?? app.getPath('documents')
    const options = { title: 'Save', defaultPath: join(folder, defaultName), filters }
    const parent = window && !window.isDestroyed() ? window : undefined
    const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    if (choice.canceled || !choice.filePath) return undefined
    dialogFolders().remember(kind, choice.filePath)
    return choice.filePath
  }

  /** The native open dialog, one file: the only way a path the page could not name reaches main. */
  async function chooseOpenPath(filters: FileFilter[], kind: FileKind): Promise<string | undefined> {
    const folder = dialogFolders().last(kind)
    const options = { title: 'Open', filters, properties: ['openFile' as const], ...(folder ? { defaultPath: folder } : {}) }
    const parent = window && !window.isDestroyed() ? window : undefined
    const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
    const [path] = choice.canceled ? [] : choice.filePaths
    if (path !== undefined) dialogFolders().remember(kind, path)
    return path
  }

  function openWindow(backend: AppBackend): BrowserWindow {
    const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE)
    const mainWindow = createMainWindow(location, placeWindow(readWindowState(stateFile), screen.getAllDisplays()))
    rememberWindowState(mainWindow, stateFile)
    // Held apart from the window: a destroyed BrowserWindow throws on access, its webContents does not.
    const contents = mainWindow.webContents
    const unsubscribe = [
      backend.controller.onProgress((snapshot) => sendEvent(contents, 'progress', snapshot)),
      backend.controller.onDone((result) => sendEvent(contents, 'done', result))
    ]
    mainWindow.on('closed', () => {
      for (const stop of unsubscribe) stop()
      // Nothing runs unseen: a run outlives its window only as long as the cancel takes.
      void backend.controller.cancel()
    })
    return mainWindow
  }

  // macOS apps stay in the Dock with no window (activate reopens it); elsewhere closing it quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Kills the engine and demo target so no process outlives the app. The history is closed here
  // and now, not after their exits, which a quitting app may never be told of.
  app.on('will-quit', () => {
    backend?.history.close()
    void backend?.dispose()
    backend = undefined
  })
}
