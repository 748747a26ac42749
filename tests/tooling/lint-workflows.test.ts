import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// scripts/lint-workflows.mjs (`npm run lint:workflows`) on a planted broken workflow: the check that
// stands in for GitHub, which cannot run here, must fail on it.
const LINT = resolve(__dirname, '../../scripts/lint-workflows.mjs')
const BROKEN = `name: Broken
on:
  push:
    tagz: ['v*']
jobs:
  test:
    runs-on: \${{ matrix.os }}
    steps:
      - run: echo hello
`

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stampede-workflows-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('lint:workflows', () => {
  it('fails on a workflow with an unknown trigger key and an undefined matrix, naming both', async () => {
    const file = join(dir, 'broken.yml')
    await writeFile(file, BROKEN)
    const failure = await promisify(execFile)(process.execPath, [LINT, file]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error
    )
    expect(failure?.code).toBe(1)
    expect(failure?.stderr).toContain(`${file}:4:5: unexpected key "tagz"`)
    expect(failure?.stderr).toContain(`${file}:7:`)
  })
})
