import { defineConfig } from '@playwright/test'
import { APP_VIEWPORT, chromiumLaunchOptions } from '../tests/support/chromium'

// `npm run bench:ui`: the end-to-end harness driven through heavy runs, printing what the page felt.
// A benchmark reports; it does not fail on its numbers.
export default defineConfig({
  testDir: '.',
  testMatch: 'ui.bench.ts',
  workers: 1,
  timeout: 240_000,
  reporter: [['list']],
  use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions, viewport: APP_VIEWPORT }
})
