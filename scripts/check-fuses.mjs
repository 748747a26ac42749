#!/usr/bin/env node
// `npm run check:fuses [-- dist]`, after `npm run dist`: reads the fuse wire of every packaged app
// electron-builder left in dist/ (win-unpacked, linux-unpacked, mac, mac-arm64; in linux-unpacked the
// AppImage's <name>.bin when its launcher stands in the executable's place) and fails unless each
// fuse set in electron-builder.yml's electronFuses is flipped that way in the binary itself.
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
const { FuseV1Options, getCurrentFuseWire } = require('@electron/fuses')
const { getConfig } = require('app-builder-lib/out/util/config/config')
const packageJson = require('../package.json')

/** @electron/fuses' byte values for a fuse that is off / on. */
const DISABLED = '0'.charCodeAt(0)
const ENABLED = '1'.charCodeAt(0)

/** electron-builder.yml's option names, as @electron/fuses numbers the fuses. */
const OPTION_FUSES = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges
}

const distDir = resolve(process.argv[2] ?? 'dist')
const config = await getConfig(process.cwd(), null, null)
const expected = Object.entries(config.electronFuses ?? {}).filter(([option]) => option in OPTION_FUSES)
if (expected.length === 0) fail('electron-builder.yml sets no electronFuses.')

/** The Electron binary of each app electron-builder packed into dist/ (a .app for macOS). */
function packagedApps() {
  if (!existsSync(distDir)) return []
  const productName = config.productName ?? packageJson.productName
  const executableName = config.linux?.executableName ?? packageJson.name
  const candidates = readdirSync(distDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name }) => {
      if (name === 'win-unpacked' || /^win-.*-unpacked$/.test(name)) return [join(distDir, name, `${productName}.exe`)]
      if (name === 'linux-unpacked' || /^linux-.*-unpacked$/.test(name)) {
        // After the AppImage's pass the executable is its launcher script, the binary beside it.
        const executable = join(distDir, name, executableName)
        return [existsSync(`${executable}.bin`) ? `${executable}.bin` : executable]
      }
      if (name === 'mac' || name.startsWith('mac-')) return [join(distDir, name, `${productName}.app`)]
      return []
    })
  return candidates.filter((path) => existsSync(path))
}

function fail(message) {
  console.error(message)
  process.exit(1)
}

const apps = packagedApps()
if (apps.length === 0) fail(`No packaged app in ${distDir}: run \`npm run dist\` first.`)

let wrong = 0
for (const app of apps) {
  const wire = await getCurrentFuseWire(app)
  for (const [option, on] of expected) {
    const state = wire[OPTION_FUSES[option]]
    if (state !== (on ? ENABLED : DISABLED)) {
      wrong++
      const seen = state === ENABLED ? 'on' : state === DISABLED ? 'off' : `byte ${state}`
      console.error(`${app}: ${option} should be ${on ? 'on' : 'off'}, is ${seen}.`)
    }
  }
}
if (wrong > 0) fail(`${wrong} fuse(s) not as electron-builder.yml sets them.`)
console.log(`Fuses as electron-builder.yml sets them (${expected.length} each) in: ${apps.join(', ')}`)
