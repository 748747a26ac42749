/// <reference types="electron-vite/node" />
import { join } from 'node:path'
import { BrowserWindow, type Session, type WebContents } from 'electron'
import icon from '../../resources/icon.png?asset&asarUnpack'
import type { RendererLocation } from './renderer-location'
import { WINDOW_SIZE, type WindowPlacement } from './window-state'

/**
 * The icon's file, in app.asar.unpacked when packaged (electron-builder.yml's asarUnpack): Linux's
 * About panel hands the path to GTK, which cannot look inside app.asar. The window reads it too.
 */
export const WINDOW_ICON = icon

/** The one window: sandboxed, isolated, its own pages only, no popups, no permissions. */
export function createMainWindow(location: RendererLocation, placement: WindowPlacement): BrowserWindow {
  // Electronegativity findings that do not apply are explained in docs/security.md.
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK
    title: 'Stampede',
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    show: false,
    autoHideMenuBar: true,
    // Windows and macOS take the icon from the packaged app; Linux window managers need it here.
    ...(process.platform === 'linux' ? { icon } : {}),
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  lockDownContents(window.webContents, location.isRendererUrl)
  // Maximized only once there is something to show: before ready-to-show it shows a blank window.
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })
  void window.loadURL(location.url)
  return window
}

/**
 * Once per session: the Content-Security-Policy on every response (the dev server's pages too; the
 * built ones also get it from the stampede:// handler), and every permission refused.
 */
export function lockDownSession(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } // eng-disable CSP_GLOBAL_CHECK
    })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

function lockDownContents(contents: WebContents, isRendererUrl: (url: string) => boolean): void {
  // Refuses every new window, whatever opened it (window.open, target=_blank, a middle click).
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => {
    if (!isRendererUrl(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
