import { execFileSync, spawn } from 'node:child_process'
import { cp, mkdtemp, readFile, realpath, rm } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, delimiter, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ElectronMirror, electronExecutablePath, standInElectronZip } from './electron-mirror'

// The README's first command on a fresh machine: a copy of the project without node_modules or out,
// `npm ci`, then `npm start` and `npm run dev`, with Electron's binary coming from a local mirror
// that serves a stand-in. The truth is outside the code under test: what the mirror served, and
// what the stand-in recorded about its own launch.

const projectRoot = resolve(__dirname, '../..')
const electronVersion: string = JSON.parse(readFileSync(join(projectRoot, 'node_modules/electron/package.json'), 'utf8')).version
const executablePath = electronExecutablePath(process.platform)
const zipName = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`
const zipPath = `/v${electronVersion}/${zipName}`
const checksumsPath = `/v${electronVersion}/SHASUMS256.txt`
/** What a fresh clone has: none of what installing, building, packaging or testing writes. */
const notInAClone = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'playwright-report', 'blob-report'])

interface Launch {
  executable: string
  args: string[]
  cwd: string
  rendererUrl: string | null
  mode: string | null
}

let scratch: string
let project: string
let mirror: ElectronMirror
let commandEnv: NodeJS.ProcessEnv

/** Runs a command to its end, without blocking this process (the mirror answers from it). */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: project, env: commandEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, output })
    })
  })
}

/**
 * A shell as a new user has it: none of this test run's npm, vitest or Electron settings, Node 24
 * first on PATH (Electron's package needs >= 22.12; scripts/node24.sh, as .ci/run uses), and
 * Electron's downloader pointed at the mirror with a cache of its own.
 */
function freshShellEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(npm_|electron_|VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/i.test(name)
  )
  const node24 = execFileSync('bash', [join(projectRoot, 'scripts/node24.sh')], { encoding: 'utf8' }).trim()
  return {
    ...Object.fromEntries(inherited),
    PATH: `${node24}${delimiter}${process.env.PATH}`,
    ELECTRON_MIRROR: mirror.url,
    electron_use_remote_checksums: '1',
    electron_config_cache: join(scratch, 'electron-cache')
  }
}

async function launchRecordedBy(command: string, args: string[]): Promise<{ launch: Launch; output: string }> {
  const record = join(scratch, `${args.join('-')}.json`)
  commandEnv.STAND_IN_RECORD = record
  const { code, output } = await run(command, args, 120_000)
  expect(code, output).toBe(0)
  expect(existsSync(record), `the stand-in Electron was never launched:\n${output}`).toBe(true)
  return { launch: JSON.parse(await readFile(record, 'utf8')), output }
}

describe.skipIf(!executablePath)(`npm ci && npm start on a fresh copy (Electron from a local mirror)`, () => {
  beforeAll(async () => {
    // The real path: macOS's temp folder is behind a symlink, and the stand-in records real paths.
    scratch = await realpath(await mkdtemp(join(tmpdir(), 'stampede-first-start-')))
    project = join(scratch, 'stampede')
    mirror = await ElectronMirror.start(electronVersion, zipName, await standInElectronZip(electronVersion, executablePath!))
    await cp(projectRoot, project, { recursive: true, filter: (source) => !notInAClone.has(basename(source)) || resolve(source, '..') !== projectRoot })
    commandEnv = freshShellEnv()
    // --prefer-offline: the packages come from npm's cache where it has them, as on a second clone;
    // the install itself (and Electron's missing binary) is exactly a new user's.
    const install = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], 240_000)
    expect(install.code, install.output).toBe(0)
    expect(existsSync(join(project, 'node_modules/electron/path.txt')), 'npm ci must not have installed the binary').toBe(false)
  }, 300_000)

  afterAll(async () => {
    await mirror?.close()
    if (scratch) await rm(scratch, { recursive: true, force: true })
  })

  it('npm start downloads Electron from the mirror, checks it, and launches it on the built main entry', async () => {
    const { launch } = await launchRecordedBy('npm', ['start'])

    expect(mirror.count(zipPath)).toBe(1)
    expect(mirror.count(checksumsPath)).toBe(1)
    expect(launch.executable).toBe(join(project, 'node_modules/electron/dist', executablePath!))
    // electron-vite starts Electron on the project folder, whose package.json names the built entry.
    expect(launch.args).toEqual(['.'])
    expect(launch.cwd).toBe(project)
    const { main } = JSON.parse(await readFile(join(launch.cwd, 'package.json'), 'utf8'))
    expect(resolve(launch.cwd, main)).toBe(join(project, 'out/main/index.js'))
    expect(existsSync(join(project, 'out/main/index.js'))).toBe(true)
    expect(launch.mode).toBe('production')
  }, 150_000)

  it('npm run dev finds Electron installed, downloads nothing, and launches it on the dev server', async () => {
    const served = [...mirror.requests.values()].reduce((sum, count) => sum + count, 0)
    const { launch } = await launchRecordedBy('npm', ['run', 'dev'])

    expect([...mirror.requests.values()].reduce((sum, count) => sum + count, 0)).toBe(served)
    expect(launch.executable).toBe(join(project, 'node_modules/electron/dist', executablePath!))
    expect(launch.args).toEqual(['.'])
    expect(launch.cwd).toBe(project)
    expect(launch.mode).toBe('development')
    expect(launch.rendererUrl).toMatch(/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/)
  }, 150_000)

  it('npm start without the binary, where the download fails, stops with what to do and launches nothing', async () => {
    await rm(join(project, 'node_modules/electron/dist'), { recursive: true })
    await rm(join(project, 'node_modules/electron/path.txt'))
    const emptyMirror = `${mirror.url}nothing-here/`
    commandEnv.ELECTRON_MIRROR = emptyMirror
    commandEnv.STAND_IN_RECORD = join(scratch, 'failed-start.json')

    const { code, output } = await run('npm', ['start'], 120_000)

    expect(code).not.toBe(0)
    expect(mirror.count(`/nothing-here/v${electronVersion}/${zipName}`)).toBe(1)
    expect(output).toContain(`Could not download Electron ${electronVersion}'s binary from ${emptyMirror}.`)
    expect(output).toContain('The app cannot open without it.')
    expect(existsSync(commandEnv.STAND_IN_RECORD)).toBe(false)
  }, 150_000)
})
