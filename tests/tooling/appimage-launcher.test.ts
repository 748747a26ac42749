import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

// scripts/packaging/appimage-launcher.sh, run as the AppImage runs it, in front of a stand-in for the
// real executable that records its arguments. The system's answers (the AppArmor sysctl, this
// process's AppArmor label, whether `unshare` can make a user namespace) are fakes the test sets.
const LAUNCHER = resolve(__dirname, '../../scripts/packaging/appimage-launcher.sh')

interface System {
  appImage: boolean
  /** kernel.apparmor_restrict_unprivileged_userns; undefined: no such file (not Ubuntu's kernel). */
  restrict?: '0' | '1'
  /** /proc/self/attr/current; undefined: unreadable. */
  label?: string
  userNamespaces: 'work' | 'fail'
  display?: boolean
}

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stampede-launcher-'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(LAUNCHER, join(dir, 'stampede'))
  script('stampede.bin', `printf '%s\\n' "$@" > '${dir}/ran'`)
  script('bin/zenity', `printf '%s\\n' "$@" > '${dir}/dialog'`)
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

function script(name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`)
  chmodSync(join(dir, name), 0o755)
}

function launch(system: System, args: string[] = []) {
  script('bin/unshare', system.userNamespaces === 'work' ? 'exit 0' : 'exit 1')
  if (system.restrict !== undefined) writeFileSync(join(dir, 'restrict'), `${system.restrict}\n`)
  if (system.label !== undefined) writeFileSync(join(dir, 'label'), `${system.label}\n`)
  const env: NodeJS.ProcessEnv = {
    PATH: `${join(dir, 'bin')}:/usr/bin:/bin`,
    STAMPEDE_USERNS_RESTRICT_FILE: join(dir, 'restrict'),
    STAMPEDE_APPARMOR_LABEL_FILE: join(dir, 'label'),
    ...(system.appImage ? { APPIMAGE: join(dir, 'Stampede-0.1.0.AppImage') } : {}),
    ...(system.display ? { DISPLAY: ':99' } : {})
  }
  const result = spawnSync(join(dir, 'stampede'), args, { env, encoding: 'utf8' })
  const ran = existsSync(join(dir, 'ran')) ? readFileSync(join(dir, 'ran'), 'utf8').split('\n').slice(0, -1) : undefined
  const dialog = existsSync(join(dir, 'dialog')) ? readFileSync(join(dir, 'dialog'), 'utf8') : undefined
  return { status: result.status, stderr: result.stderr, ran, dialog }
}

describe.skipIf(process.platform === 'win32')('the AppImage launcher', () => {
  it.each<[string, System]>([
    ['not from an AppImage (the .deb, or unpacked), even where AppImages are restricted', { appImage: false, restrict: '1', label: 'unconfined', userNamespaces: 'work' }],
    ['from an AppImage where AppArmor does not restrict user namespaces', { appImage: true, restrict: '0', label: 'unconfined', userNamespaces: 'work' }],
    ['from an AppImage on a kernel without the AppArmor sysctl', { appImage: true, userNamespaces: 'work' }],
    ['from an AppImage under an AppArmor profile of its own', { appImage: true, restrict: '1', label: 'stampede-appimage (enforce)', userNamespaces: 'work' }]
  ])('starts the app with its arguments %s', (_where, system) => {
    const { status, ran, stderr } = launch(system, ['--flag', 'two words'])
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(ran).toEqual(['--flag', 'two words'])
  })

  it.each<[string, System]>([
    ['unconfined', { appImage: true, restrict: '1', label: 'unconfined', userNamespaces: 'work' }],
    ['with no readable AppArmor label', { appImage: true, restrict: '1', userNamespaces: 'work' }]
  ])('refuses where Ubuntu restricts user namespaces, the process %s, and sends the user to the .deb', (_how, system) => {
    const { status, ran, stderr } = launch(system)
    expect(status).toBe(1)
    expect(ran).toBeUndefined()
    expect(stderr).toContain('Ubuntu 24.04 and later (kernel.apparmor_restrict_unprivileged_userns=1)')
    expect(stderr).toContain('Install the .deb from the same release instead')
  })

  it('refuses where user namespaces do not work at all, rather than run without the sandbox', () => {
    const { status, ran, stderr } = launch({ appImage: true, restrict: '0', label: 'unconfined', userNamespaces: 'fail' }, ['--no-sandbox'])
    expect(status).toBe(1)
    expect(ran).toBeUndefined()
    expect(stderr).toContain('does not allow the unprivileged user namespaces')
    expect(stderr).toContain('Install the .deb')
  })

  it('shows the same message in a dialog when there is a display', () => {
    const { status, stderr, dialog } = launch({ appImage: true, restrict: '1', label: 'unconfined', userNamespaces: 'work', display: true })
    expect(status).toBe(1)
    expect(dialog).toContain('--error')
    expect(dialog).toContain(stderr.trim())
  })

  it('shows no dialog without a display', () => {
    const { status, dialog } = launch({ appImage: true, restrict: '1', label: 'unconfined', userNamespaces: 'work' })
    expect(status).toBe(1)
    expect(dialog).toBeUndefined()
  })
})
