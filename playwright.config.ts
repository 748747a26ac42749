import { defineConfig } from '@playwright/test'

// Layers 3 and 4: the built renderer in Debian's Chromium, and the packaged flow in real Electron
// (skipped, with the reason, where no Electron binary exists). Run `npm run build` first.
export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' }
})
