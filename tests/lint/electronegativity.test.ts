import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

// `npm run lint:electron` fails once a finding is planted in a copy of src/, and counts only that
// one (so src/ itself has none): the script judges Electronegativity's findings, whose own CLI
// exits 0 whatever it finds.
const SCRIPT = resolve('scripts/electronegativity.mjs')
const copy = mkdtempSync(join(tmpdir(), 'stampede-electronegativity-'))
afterAll(() => rmSync(copy, { recursive: true, force: true }))

async function lintElectron(input: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, input])
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe('lint:electron', () => {
  it('fails on a new finding above informational, naming the check and the line', async () => {
    cpSync('src', join(copy, 'src'), { recursive: true })
    writeFileSync(
      join(copy, 'src', 'main', 'planted.ts'),
      "import { shell } from 'electron'\nexport const open = (url: string) => shell.openExternal(url)\n"
    )
    const { code, output } = await lintElectron(join(copy, 'src'))
    expect(output).toMatch(/planted\.ts:2 +OPEN_EXTERNAL_JS_CHECK \(MEDIUM/)
    expect(output).toMatch(/1 finding\(s\) above informational/)
    expect(code).toBe(1)
  }, 60_000)
})
