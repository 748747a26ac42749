import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'
import { WINDOW_SIZE } from '../../src/main/window-state'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/**
 * The browser the renderer tests drive: CHROMIUM_PATH when set, else Debian's Chromium where it is
 * installed (.ci/run installs it), else the installed Google Chrome (Playwright's `chrome` channel:
 * what GitHub's Windows and macOS runners have, and developers on those systems usually do).
 */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined)

/**
 * Headless and quiet: nothing of the browser's own goes to the network, so every request the target
 * servers count came from Stampede's engine. Playwright adds --no-sandbox for root.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  ...(executablePath ? { executablePath } : { channel: 'chrome' }),
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
