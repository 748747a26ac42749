import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The folder boundaries of eslint.config.mjs, proved to bite: each case lints one planted import as
 * if it were a file of that folder (ESLint's own API, the real config) and expects the zone's error,
 * or none for an import the layout allows.
 */
const eslint = new ESLint()

async function restrictedPathErrors(filePath: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const planted = typeof imported\n`, { filePath })
  return result.messages.filter((message) => message.ruleId === 'import-x/no-restricted-paths').map((m) => m.message)
}

const breaches: Array<[what: string, file: string, importLine: string, expected: RegExp]> = [
  ['cli imports main', 'src/cli/planted.ts', "import * as imported from '../main/request-handlers'", /never imports main/],
  ['control imports main', 'src/control/planted.ts', "import * as imported from '../main/app-backend'", /never imports main/],
  ['control imports electron', 'src/control/planted.ts', "import * as imported from 'electron'", /Only src\/main and src\/preload/],
  ['cli imports electron', 'src/cli/planted.ts', "import * as imported from 'electron'", /Only src\/main and src\/preload/],
  ['engine imports electron', 'src/engine/planted.ts', "import * as imported from 'electron'", /Only src\/main and src\/preload/],
  ['shared imports electron', 'src/shared/planted.ts', "import * as imported from 'electron'", /Only src\/main and src\/preload/],
  ['engine imports control', 'src/engine/planted.ts', "import * as imported from '../control/run-merge'", /engine process imports only src\/shared/],
  ['shared imports engine', 'src/shared/planted.ts', "import * as imported from '../engine/load-run'", /imports none of them/],
  ['renderer imports control', 'src/renderer/src/app/planted.ts', "import * as imported from '../../../control/run-merge'", /knows only src\/shared/],
  ['renderer imports main', 'src/renderer/src/app/planted.ts', "import * as imported from '../../../main/ipc'", /knows only src\/shared/],
  ['control imports engine beyond its one path', 'src/control/planted.ts', "import * as imported from '../engine/load-run'", /only the latency histogram/],
  ['demo target imports engine beyond its port', 'src/demo-target/planted.ts', "import * as imported from '../engine/load-run'", /only its parent port/],
  ['main imports the engine', 'src/main/planted.ts', "import * as imported from '../engine/load-run'", /does not reach into the engine/],
  ['preload imports main', 'src/preload/planted.ts', "import * as imported from '../main/ipc'", /knows only src\/shared/]
]

const allowed: Array<[what: string, file: string, importLine: string]> = [
  ['cli imports control', 'src/cli/planted.ts', "import * as imported from '../control/run-controller'"],
  ['control imports the latency histogram', 'src/control/planted.ts', "import * as imported from '../engine/latency-histogram'"],
  ['demo target imports the parent port', 'src/demo-target/planted.ts', "import * as imported from '../engine/parent-port'"],
  ['main imports control', 'src/main/planted.ts', "import * as imported from '../control/run-controller'"],
  ['main imports electron', 'src/main/planted.ts', "import * as imported from 'electron'"],
  ['renderer imports shared', 'src/renderer/src/app/planted.ts', "import * as imported from '../../../shared/format'"]
]

describe('folder boundaries', () => {
  it.each(breaches)('fail lint: %s', async (_what, file, importLine, expected) => {
    const errors = await restrictedPathErrors(file, importLine)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(expected)
  })

  it.each(allowed)('pass lint: %s', async (_what, file, importLine) => {
    expect(await restrictedPathErrors(file, importLine)).toEqual([])
  })
})
