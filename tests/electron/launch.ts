import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test'
import { findElectronBinary } from '../support/electron-binary'

/** The Electron binary, or why there is none; the specs of a file skip themselves without it. */
export const binary = findElectronBinary()

export function skipWithoutElectron(): void {
  if ('missing' in binary) {
    // CI's matrix installs Electron (.github/workflows/ci.yml): there a missing binary is a failure.
    if (process.env.ELECTRON_SPECS === 'required') throw new Error(`ELECTRON_SPECS=required, but ${binary.missing}`)
    // Said in the run's own output, not only in the report's annotations.
    console.log(`Real Electron specs skipped: ${binary.missing}`)
    test.skip(true, binary.missing)
  }
}

export function electronPath(): string {
  if (!('path' in binary)) throw new Error(binary.missing)
  return binary.path
}

/**
 * A profile of its own (Chromium's --user-data-dir, which is also app.getPath('userData')): the
 * window-state file, the single-instance lock and the caches stay out of the developer's profile
 * and out of the other specs'.
 */
export class UserDataDirs {
  private readonly dirs: string[] = []

  create(): string {
    const dir = mkdtempSync(join(tmpdir(), 'stampede-profile-'))
    this.dirs.push(dir)
    return dir
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  }
}

export const userDataArg = (dir: string): string => `--user-data-dir=${dir}`

/** Starts the built app (out/, `npm run build`) on a profile and waits for its window's page. */
export async function launchApp(userDataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({ executablePath: electronPath(), args: ['.', userDataArg(userDataDir)] })
  const page = await app.firstWindow()
  await expect(page).toHaveTitle('Stampede')
  return { app, page }
}
