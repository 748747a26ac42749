// electron-builder's afterPack hook (electron-builder.yml). For an AppImage it puts
// appimage-launcher.sh in the executable's place, so that where Chromium's sandbox cannot work from an
// AppImage the user reads why and is sent to the .deb, instead of a bare crash.
import { chmod, copyFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
  // electron-builder flips fuses on the executable after this hook; that would now be the script.
  if (context.packager.config.electronFuses) {
    throw new Error('electronFuses is set: flip the fuses on the AppImage\'s <name>.bin here, after the launcher is in place.')
  }
  const executable = join(context.appOutDir, context.packager.executableName)
  await rename(executable, `${executable}.bin`)
  await copyFile(launcher, executable)
  await chmod(executable, 0o755)
}
