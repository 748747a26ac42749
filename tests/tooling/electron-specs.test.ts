import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The real-Electron specs run only on CI's matrix, so what they launch is checked here: every app
// they start gets a profile of its own (tests/electron/launch.ts), never the developer's, whose open
// Stampede would make the single-instance lock quit the test's copy and whose history would fill up.
const SPECS = resolve(__dirname, '../electron')
const specFiles = readdirSync(SPECS).filter((name) => name.endsWith('.spec.ts'))
const source = (name: string): string => readFileSync(join(SPECS, name), 'utf8')

describe('tests/electron', () => {
  it('launches Electron only through launch.ts, which always passes the profile', () => {
    expect(specFiles.length).toBeGreaterThan(3)
    const launching = specFiles.filter((name) => /\b_electron\b|\.launch\(\s*\{/.test(source(name)))
    expect(launching).toEqual([])
    expect(source('launch.ts')).toMatch(/electron\.launch\(\{ executablePath: electronPath\(\), args: \['\.', userDataArg\(userDataDir\)\] \}\)/)
  })

  it('passes a profile to every Electron it spawns by hand', () => {
    const spawns = specFiles.flatMap((name) =>
      source(name)
        .split('\n')
        .filter((line) => line.includes('spawn(electronPath()'))
        .map((line) => ({ name, line: line.trim() }))
    )
    expect(spawns.length).toBeGreaterThan(0)
    for (const spawned of spawns) expect(spawned.line).toContain('userDataArg(')
  })
})
