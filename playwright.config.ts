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
  // On two cores shared with other jobs a run the page waits for takes several times its idle length
  // (at load 17-23, 20-50 s a test and 15 s not enough for a 500-request run to show as done).
  // Waiting longer for an event is not a looser check: the assertions stay as they are.
  timeout: 120_000,
  expect: { timeout: 30_000 },
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
