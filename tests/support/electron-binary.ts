import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * Where the Electron binary is, or why there is none — without require('electron'), which would try
 * to download it. ELECTRON_PATH wins; otherwise the binary the electron package installed, if any.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const override = process.env.ELECTRON_PATH
  if (override) {
    return existsSync(override) ? { path: override } : { missing: `ELECTRON_PATH=${override} does not exist.` }
  }
  const packageDir = resolve('node_modules/electron')
  const pathFile = join(packageDir, 'path.txt')
  const installed = existsSync(pathFile) ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined
  if (installed && existsSync(installed)) return { path: installed }
  return {
    missing:
      'No Electron binary: Electron downloads it from GitHub releases on first use, which this machine cannot reach. ' +
      'Run `npx install-electron` (or set ELECTRON_PATH) where it can, and these specs run.'
  }
}
