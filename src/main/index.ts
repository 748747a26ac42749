import { join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import { builtEntryPath } from '../control/built-entries'
import { createAppBackend, type AppBackend } from './app-backend'
import { sendEvent, serveRequests } from './ipc'
import { isRendererUrl } from './renderer-location'
import { spawnUtilityProcess } from './utility-process'
import { createMainWindow } from './window'

/** This bundle is out/main/index.js (inside app.asar when packaged). */
const BUILD_OUT_DIR = join(__dirname, '..')

// A second copy would start a second engine against the same machine: focus the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let window: BrowserWindow | undefined
  let backend: AppBackend | undefined

  // Windows groups the taskbar entry and notifications by this id; it matches electron-builder's appId.
  app.setAppUserModelId('dev.stampede.app')

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  void app.whenReady().then(() => {
    backend = createAppBackend({
      engine: () => spawnUtilityProcess(builtEntryPath('engine', BUILD_OUT_DIR), 'Stampede engine'),
      demoTarget: () => spawnUtilityProcess(builtEntryPath('demo-target', BUILD_OUT_DIR), 'Stampede demo target')
    }, { dataFolder: app.getPath('userData') })
    serveRequests(backend.handlers, (frameUrl) => isRendererUrl(frameUrl))
    const mainWindow = createMainWindow()
    window = mainWindow
    // Held apart from the window: a destroyed BrowserWindow throws on access, its webContents does not.
    const contents = mainWindow.webContents
    backend.controller.onProgress((snapshot) => sendEvent(contents, 'progress', snapshot))
    backend.controller.onDone((result) => sendEvent(contents, 'done', result))
  })

  // Closing the window ends the app on every platform: a load tester has nothing to do windowless.
  app.on('window-all-closed', () => app.quit())

  // Kills the engine and demo target so no process outlives the app.
  app.on('will-quit', () => {
    void backend?.dispose()
    backend = undefined
  })
}
