import { defineConfig } from 'vitest/config'

// Layers 1 and 2: every folder of tests/ but the browser ones (e2e/ and electron/ hold Playwright
// .spec.ts files). Load tests share two cores, so test files run one at a time.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    // CLI and engine tests spawn processes and run real load: at load 23 on two cores some took 25-33 s.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
