import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/**
 * A failing fast-check property must leave its seed and counterexample in the CI log, so that the
 * failure can be replayed and pinned as a fixed case (issue 21). fc.assert does that by default;
 * these keep it so: the message as this setup prints it, and no test file that reaches around it.
 */
const TESTS = join(import.meta.dirname, '..')

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path)
    return /\.(test|spec)\.ts$/.test(entry.name) ? [path] : []
  })
}

describe('fast-check properties', () => {
  it('fail with their seed, path and counterexample in the message', () => {
    let message = ''
    try {
      fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), (n) => n < 50), { seed: 42 })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/seed: 42, path: "[\d:]+"/)
    expect(message).toMatch(/Counterexample: \[50\]/)
  })

  it('are asserted with fc.assert in every test file: no fc.check, no reporter or global setting that could hide a failure', () => {
    const users = testFiles(TESTS).filter((path) => readFileSync(path, 'utf8').includes("from 'fast-check'"))
    expect(users.length).toBeGreaterThan(0)
    const hiding = users.flatMap((path) => {
      const text = readFileSync(path, 'utf8')
      const name = relative(TESTS, path)
      if (name === 'tooling/property-reports.test.ts') return []
      return [/\bfc\.check\(/, /\bconfigureGlobal\(/, /\breporter\s*:/, /\basyncReporter\s*:/]
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${name}: ${pattern.source}`)
    })
    expect(hiding).toEqual([])
  })
})
