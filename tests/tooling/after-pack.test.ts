import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LinuxPackager } from 'app-builder-lib'
import { readWire, standInBinary } from './fuse-wire'

// scripts/packaging/after-pack.mjs as electron-builder calls it: on an unpacked app folder holding a
// stand-in executable (with a fuse wire), with the pack's platform, targets and configuration.
const ROOT = resolve(__dirname, '../..')
const HOOK = join(ROOT, 'scripts/packaging/after-pack.mjs')
const LAUNCHER = join(ROOT, 'scripts/packaging/appimage-launcher.sh')
const BINARY = standInBinary()

type AfterPack = (context: object) => Promise<void>
let afterPack: AfterPack
let appOutDir: string

beforeEach(async () => {
  afterPack = ((await import(pathToFileURL(HOOK).href)) as { default: AfterPack }).default
  appOutDir = await mkdtemp(join(tmpdir(), 'stampede-after-pack-'))
  await writeFile(join(appOutDir, 'stampede'), BINARY, { mode: 0o755 })
})

afterEach(() => rm(appOutDir, { recursive: true, force: true }))

function pack(electronPlatformName: string, targets: string[], config: object = {}): Promise<void> {
  return afterPack({
    electronPlatformName,
    appOutDir,
    targets: targets.map((name) => ({ name })),
    // electron-builder's own packager: the hook uses its translation of electronFuses.
    packager: Object.create(LinuxPackager.prototype, {
      info: { value: { config, projectDir: ROOT } },
      executableName: { value: 'stampede' }
    })
  })
}

const contents = (name: string) => readFile(join(appOutDir, name))

describe('the afterPack hook', () => {
  it('puts the launcher in the executable\'s place in a Linux AppImage pack, and the executable beside it, fused', async () => {
    await pack('linux', ['appImage'])
    expect(await contents('stampede')).toEqual(await readFile(LAUNCHER))
    const binary = await contents('stampede.bin')
    expect(binary.length).toBe(BINARY.length)
    // electron-builder.yml's fuses (tests/main/electron-fuses.test.ts checks each).
    expect(readWire(binary).run_as_node).toBe('0')
    expect(readWire(BINARY).run_as_node).toBe('1')
    if (process.platform !== 'win32') expect((await stat(join(appOutDir, 'stampede'))).mode & 0o777).toBe(0o755)
  })

  it.each([
    ['linux', ['deb']],
    ['linux', ['dir']],
    ['win32', ['nsis']],
    ['darwin', ['dmg']]
  ])('leaves a %s pack for %j as it is', async (platform, targets) => {
    await pack(platform, targets)
    expect(await contents('stampede')).toEqual(BINARY)
  })

  it('refuses an AppImage packed together with the .deb, which must keep the real executable', async () => {
    await expect(pack('linux', ['appImage', 'deb'])).rejects.toThrow(/packed on its own.*not with deb/)
    expect(await contents('stampede')).toEqual(BINARY)
  })

  it('refuses a pass whose configuration has electronFuses, which electron-builder would flip on the launcher afterwards', async () => {
    await expect(pack('linux', ['appImage'], { electronFuses: { runAsNode: false } })).rejects.toThrow(/leave electronFuses off/)
    expect(await contents('stampede')).toEqual(BINARY)
  })
})
