import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

// scripts/packaging/after-pack.mjs as electron-builder calls it: on an unpacked app folder holding a
// stand-in executable, with the pack's platform and targets.
const HOOK = resolve(__dirname, '../../scripts/packaging/after-pack.mjs')
const LAUNCHER = resolve(__dirname, '../../scripts/packaging/appimage-launcher.sh')
const BINARY = 'the real executable'

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
    packager: { executableName: 'stampede', config }
  })
}

const contents = (name: string) => readFile(join(appOutDir, name), 'utf8')

describe('the afterPack hook', () => {
  it('puts the launcher in the executable\'s place in a Linux AppImage pack, and the executable beside it', async () => {
    await pack('linux', ['appImage'])
    expect(await contents('stampede')).toBe(await readFile(LAUNCHER, 'utf8'))
    expect(await contents('stampede.bin')).toBe(BINARY)
    if (process.platform !== 'win32') expect((await stat(join(appOutDir, 'stampede'))).mode & 0o777).toBe(0o755)
  })

  it.each([
    ['linux', ['deb']],
    ['linux', ['dir']],
    ['win32', ['nsis']],
    ['darwin', ['dmg']]
  ])('leaves a %s pack for %j as it is', async (platform, targets) => {
    await pack(platform, targets)
    expect(await contents('stampede')).toBe(BINARY)
  })

  it('refuses an AppImage packed together with the .deb, which must keep the real executable', async () => {
    await expect(pack('linux', ['appImage', 'deb'])).rejects.toThrow(/packed on its own.*not with deb/)
    expect(await contents('stampede')).toBe(BINARY)
  })

  it('refuses to run where electron-builder would flip fuses on the launcher afterwards', async () => {
    await expect(pack('linux', ['appImage'], { electronFuses: { runAsNode: false } })).rejects.toThrow(/electronFuses/)
    expect(await contents('stampede')).toBe(BINARY)
  })
})
