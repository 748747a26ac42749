import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { LinuxPackager } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { readWire, standInBinary } from './fuse-wire'

// The Linux passes of `npm run dist` through electron-builder's own steps after packing: the real
// electron-builder.yml merged with each pass's configuration as electron-builder merges it, its
// afterPack hook, then its own fuse step, on a stand-in Electron binary with a real fuse wire.
const ROOT = resolve(__dirname, '../..')
const LAUNCHER = readFileSync(join(ROOT, 'scripts/packaging/appimage-launcher.sh'), 'utf8')
const work = mkdtempSync(join(tmpdir(), 'stampede-appimage-fuses-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Pass {
  targets: Map<unknown, Map<unknown, string[]>>
  config?: object
}

async function linuxPasses(): Promise<Pass[]> {
  const { packPasses } = (await import(pathToFileURL(join(ROOT, 'scripts/packaging/pack-passes.mjs')).href)) as {
    packPasses(platform: string): Pass[]
  }
  return packPasses('linux')
}

/** Packs one pass into `<dist>/linux-unpacked` as far as electron-builder goes after copying the app. */
async function pack(pass: Pass, dist: string): Promise<string> {
  const config = await getConfig(ROOT, null, pass.config ? structuredClone(pass.config) : null)
  await validateConfiguration(config, { isEnabled: false, add: () => {} } as never)
  const appOutDir = join(dist, 'linux-unpacked')
  mkdirSync(appOutDir, { recursive: true })
  writeFileSync(join(appOutDir, 'stampede'), standInBinary(), { mode: 0o755 })
  const packager = Object.create(LinuxPackager.prototype, {
    info: { value: { config, projectDir: ROOT } },
    executableName: { value: 'stampede' }
  }) as { doAddElectronFuses(context: object): Promise<void> }
  const targetNames = [...pass.targets.values()].flatMap((byArch) => [...byArch.values()].flat())
  const context = {
    electronPlatformName: 'linux',
    appOutDir,
    targets: targetNames.map((name) => ({ name: name === 'AppImage' ? 'appImage' : name })),
    packager
  }
  // electron-builder.yml names the hook; electron-builder calls it, then flips fuses (platformPackager.js).
  expect(config.afterPack).toBe('./scripts/packaging/after-pack.mjs')
  const hook = (await import(pathToFileURL(join(ROOT, config.afterPack as string)).href)) as { default: (context: object) => Promise<void> }
  await hook.default(context)
  await packager.doAddElectronFuses(context)
  return appOutDir
}

async function checkFuses(distDir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/check-fuses.mjs'), distDir], { cwd: ROOT })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe('the Linux release: the .deb, then the AppImage in a pass of its own', () => {
  it('fuses the AppImage\'s real binary (stampede.bin) as electron-builder fuses the .deb\'s, and leaves its launcher as written', async () => {
    const [deb, appImage] = await linuxPasses()
    const debOut = await pack(deb, join(work, 'deb'))
    const debWire = readWire(readFileSync(join(debOut, 'stampede')))
    expect(debWire.run_as_node).toBe('0')
    expect(debWire.only_load_app_from_asar).toBe('1')

    const appImageOut = await pack(appImage, join(work, 'appimage'))
    expect(readFileSync(join(appImageOut, 'stampede'), 'utf8')).toBe(LAUNCHER)
    expect(readWire(readFileSync(join(appImageOut, 'stampede.bin')))).toEqual(debWire)
  })

  it('check:fuses reads the binary behind the AppImage\'s launcher, and fails on an unfused one', async () => {
    const passing = await checkFuses(join(work, 'appimage'))
    expect(passing.output).toContain(join(work, 'appimage', 'linux-unpacked', 'stampede.bin'))
    expect(passing.code).toBe(0)

    const unfused = join(work, 'unfused', 'linux-unpacked')
    mkdirSync(unfused, { recursive: true })
    writeFileSync(join(unfused, 'stampede'), LAUNCHER)
    writeFileSync(join(unfused, 'stampede.bin'), standInBinary())
    const failing = await checkFuses(join(work, 'unfused'))
    expect(failing.output).toMatch(/stampede\.bin: runAsNode should be off, is on/)
    expect(failing.code).toBe(1)
  })
})
