import type { LaunchOptions } from '@playwright/test'
import { WINDOW_SIZE } from '../../src/main/window-state'

/**
 * Debian's Chromium, headless and quiet: nothing of its own goes to the network, so every request
 * the target servers count came from Stampede's engine. Playwright adds --no-sandbox for root.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions'
  ]
}

/** The app window's default size, so the page lays out as it does in Electron. */
export const APP_VIEWPORT = { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height }
