// The passes `npm run dist` packs this OS's installers in (./package.mjs), apart so that the tests
// pack with the very same targets and configuration (tests/tooling/appimage-fuses.test.ts).
import { Platform } from 'electron-builder'

/**
 * electron-builder flips fuses on the executable after afterPack, which in an AppImage is then the
 * launcher script: that pass packs without electronFuses, and ./after-pack.mjs flips those of
 * electron-builder.yml on the real binary (<name>.bin) itself.
 */
export const APPIMAGE_PASS_CONFIG = Object.freeze({ electronFuses: null })

/** NSIS on Windows, DMGs on macOS; on Linux the .deb, then the AppImage in a pass of its own. */
export function packPasses(platform = process.platform) {
  // The .deb's AppArmor profile attaches to the executable, which the AppImage replaces with its launcher.
  if (platform === 'linux') {
    return [
      { targets: Platform.LINUX.createTarget('deb') },
      { targets: Platform.LINUX.createTarget('AppImage'), config: { ...APPIMAGE_PASS_CONFIG } }
    ]
  }
  return [{ targets: Platform.current().createTarget() }]
}
