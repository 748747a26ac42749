import { defineConfig } from '@playwright/test'
import { APP_VIEWPORT, chromiumLaunchOptions } from './tests/support/chromium'

// Layers 3 and 4: the built renderer in Debian's Chromium against main's services and a real engine
// (tests/e2e), and the packaged flow in real Electron (tests/electron, skipped with the reason where
// no Electron binary exists). Both need `npx electron-vite build` first. Load tests share two cores,
// so one worker.
export default defineConfig({
  workers: 1,
  fullyParallel: false,
  // Never retried: a test that passes on its second try has failed once, and CI must say so.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions, viewport: APP_VIEWPORT }
    },
    // Launches Electron itself (no browser fixture).
    { name: 'electron', testDir: 'tests/electron' }
  ]
})
