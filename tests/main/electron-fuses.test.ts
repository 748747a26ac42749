import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { PlatformPackager } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import type { Configuration } from 'app-builder-lib'
import { readWire, standInBinary } from '../tooling/fuse-wire'

// The fuses of the packaged app, read the way electron-builder reads electron-builder.yml, then
// flipped by electron-builder's own code path on a stand-in for the Electron binary (the real one
// cannot be downloaded here; scripts/check-fuses.mjs reads the real one after packaging on CI).

const outDir = mkdtempSync(join(tmpdir(), 'stampede-fuses-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

async function builderConfig(): Promise<Configuration> {
  const config = await getConfig(process.cwd(), null, null)
  // The schema electron-builder checks before packaging: a misspelt fuse fails here, not silently.
  await validateConfiguration(config, { isEnabled: false, add: () => {} } as never)
  return config
}

describe('electron-builder.yml electronFuses', () => {
  it('turns off Node entry points and file:// privileges, and turns on asar-only loading with integrity', async () => {
    expect((await builderConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true
    })
  })

  it('flips exactly those fuses when electron-builder packages the app (on a stand-in binary)', async () => {
    const config = await builderConfig()
    const appOutDir = join(outDir, 'dist', 'win-unpacked')
    const executable = join(appOutDir, 'Stampede.exe')
    mkdirSync(appOutDir, { recursive: true })
    writeFileSync(executable, standInBinary())
    // What electron-builder runs after packing: its own fuse step, on the app's executable.
    const packager = Object.create(PlatformPackager.prototype, {
      config: { value: config },
      appInfo: { value: { productFilename: 'Stampede' } }
    }) as { doAddElectronFuses(context: object): Promise<void> }
    await packager.doAddElectronFuses({ appOutDir, electronPlatformName: 'win32' })
    expect(readWire(readFileSync(executable))).toEqual({
      run_as_node: '0',
      cookie_encryption: '1',
      node_options: '0',
      node_cli_inspect: '0',
      embedded_asar_integrity_validation: '1',
      only_load_app_from_asar: '1',
      load_browser_process_specific_v8_snapshot: '0',
      grant_file_protocol_extra_privileges: '0',
      // Not known to @electron/fuses 1.8, so left as Electron ships it.
      wasm_trap_handlers: '1'
    })
    expect(readWire(standInBinary()).run_as_node).toBe('1')
  })
})

describe('scripts/check-fuses.mjs (run on CI after packaging)', () => {
  const checkFuses = async (distDir: string): Promise<{ code: number; output: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [resolve('scripts/check-fuses.mjs'), distDir])
      return { code: 0, output: stdout + stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, output: failed.stdout + failed.stderr }
    }
  }

  it('passes on the app electron-builder fused, above', async () => {
    const { code, output } = await checkFuses(join(outDir, 'dist'))
    expect(output).toMatch(/Fuses as electron-builder.yml sets them \(8 each\)/)
    expect(code).toBe(0)
  })

  it('fails on an app whose fuses were never flipped, naming each', async () => {
    const unfused = join(outDir, 'unfused', 'linux-unpacked')
    mkdirSync(unfused, { recursive: true })
    writeFileSync(join(unfused, 'stampede'), standInBinary())
    const { code, output } = await checkFuses(join(outDir, 'unfused'))
    expect(output).toMatch(/runAsNode should be off, is on/)
    expect(output).toMatch(/grantFileProtocolExtraPrivileges should be off, is on/)
    expect(output).toMatch(/7 fuse\(s\) not as electron-builder.yml sets them/)
    expect(code).toBe(1)
  })

  it('fails when there is no packaged app to check', async () => {
    const { code, output } = await checkFuses(join(outDir, 'nothing-here'))
    expect(output).toMatch(/No packaged app/)
    expect(code).toBe(1)
  })
})
