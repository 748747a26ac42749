/// <reference types="electron-vite/node" />
import { join } from 'node:path'
import { BrowserWindow, type Session, type WebContents } from 'electron'
import icon from '../../resources/icon.png?asset'
import { contentSecurityPolicy } from '../shared/content-security-policy'
import { isRendererUrl, rendererUrl } from './renderer-location'

/** The one window: sandboxed, isolated, its own pages only, no popups, no permissions. */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Stampede',
    width: 1000,
    height: 760,
    minWidth: 720,
    minHeight: 560,
    show: false,
    autoHideMenuBar: true,
    // Windows and macOS take the icon from the packaged app; Linux window managers need it here.
    ...(process.platform === 'linux' ? { icon } : {}),
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  lockDownSession(window.webContents.session)
  lockDownContents(window.webContents)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererUrl())
  return window
}

function lockDownSession(session: Session): void {
  const policy = contentSecurityPolicy(Boolean(process.env.ELECTRON_RENDERER_URL))
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => {
    if (!isRendererUrl(event.url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
