import { join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import { createAppServices, type AppServices } from './app-services'
import { sendEvent, serveRequests } from './ipc'
import { isRendererUrl } from './renderer-location'
import { spawnUtilityProcess } from './utility-process'
import { createMainWindow } from './window'

// A second copy would start a second engine against the same machine: focus the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let window: BrowserWindow | undefined
  let services: AppServices | undefined

  // Windows groups the taskbar entry and notifications by this id; it matches electron-builder's appId.
  app.setAppUserModelId('dev.stampede.app')

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  void app.whenReady().then(() => {
    services = createAppServices({
      engine: () => spawnUtilityProcess(join(__dirname, 'engine.js'), 'Stampede engine'),
      demoTarget: () => spawnUtilityProcess(join(__dirname, 'demo-target.js'), 'Stampede demo target')
    })
    serveRequests(services.handlers, (frameUrl) => isRendererUrl(frameUrl))
    const mainWindow = createMainWindow()
    window = mainWindow
    // Held apart from the window: a destroyed BrowserWindow throws on access, its webContents does not.
    const contents = mainWindow.webContents
    services.controller.onProgress((snapshot) => sendEvent(contents, 'progress', snapshot))
    services.controller.onDone((result) => sendEvent(contents, 'done', result))
  })

  // Closing the window ends the app on every platform: a load tester has nothing to do windowless.
  app.on('window-all-closed', () => app.quit())

  // Kills the engine and demo target so no process outlives the app.
  app.on('will-quit', () => {
    void services?.dispose()
    services = undefined
  })
}
