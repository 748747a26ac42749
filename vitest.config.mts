import { defineConfig } from 'vitest/config'

// Layers 1 and 2: the engine and main's modules under plain Node; and the project's own tooling
// (tests/tooling). Load tests share two cores, so test files run one at a time.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/engine/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/tooling/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
