// electron-builder's afterPack hook (electron-builder.yml). For an AppImage it puts
// appimage-launcher.sh in the executable's place, so that where Chromium's sandbox cannot work from an
// AppImage the user reads why and is sent to the .deb, instead of a bare crash; and it flips the
// fuses of electron-builder.yml on the real binary, now <name>.bin, which electron-builder's own
// fuse step (after this hook, on the executable's path) would miss.
import { chmod, copyFile, rename } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const launcher = fileURLToPath(new URL('./appimage-launcher.sh', import.meta.url))

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  if (context.electronPlatformName !== 'linux') return
  const targets = context.targets.map((target) => target.name)
  if (!targets.includes('appImage')) return
  // The .deb's AppArmor profile attaches to the executable's path: it must stay the real binary there.
  if (targets.length > 1) {
    throw new Error(
      `The AppImage is packed on its own (npm run dist does), not with ${targets.filter((name) => name !== 'appImage').join(', ')}: its launcher script must not go into them.`
    )
  }
  // electron-builder would flip them on the executable after this hook: by then, the launcher script.
  if (context.packager.config.electronFuses) {
    throw new Error(
      'The AppImage pass must leave electronFuses off its configuration (scripts/packaging/pack-passes.mjs, as npm run dist packs it): this hook flips them on <name>.bin.'
    )
  }
  const executable = join(context.appOutDir, context.packager.executableName)
  await rename(executable, `${executable}.bin`)
  await copyFile(launcher, executable)
  await chmod(executable, 0o755)
  await flipConfiguredFuses(context.packager, `${executable}.bin`)
}

/** electron-builder.yml's electronFuses, translated by electron-builder's own code, flipped on `binary`. */
async function flipConfiguredFuses(packager, binary) {
  const { getConfig } = require('app-builder-lib/out/util/config/config')
  const { flipFuses } = require('@electron/fuses')
  const { electronFuses } = await getConfig(packager.projectDir, null, null)
  if (!electronFuses) return
  await flipFuses(binary, await packager.generateFuseConfig(electronFuses))
}
