import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EventEmitter } from 'node:events'
import { test, expect, type ElectronApplication } from '@playwright/test'
import { exitCodesMatch, ProcessGoneReasons } from '../../src/main/process-gone-reasons'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// What real Electron gives for a utility process that calls process.exit(1), as the engine does on
// an internal fault: 'exit' gets 1, app's child-process-gone gets Chromium's exitCode (waitpid's raw
// status on macOS and Linux, 256). Main's ProcessGoneReasons must still pair the two.
skipWithoutElectron()

const profiles = new UserDataDirs()
let app: ElectronApplication | undefined
let scripts: string | undefined

test.afterEach(async () => {
  await app?.close()
  app = undefined
  profiles.removeAll()
  if (scripts) rmSync(scripts, { recursive: true, force: true })
})

interface Observed {
  exit: number
  gone: { type: string; reason: string; exitCode: number; name?: string }
}

test("process.exit(1) in a utility process: its exit and child-process-gone are paired, the reason kept", async () => {
  scripts = mkdtempSync(join(tmpdir(), 'stampede-exit-one-'))
  const script = join(scripts, 'exit-one.js')
  writeFileSync(script, 'process.exit(1)\n')
  ;({ app } = await launchApp(profiles.create()))
  const observed = await app.evaluate(
    ({ app: electronApp, utilityProcess }, modulePath) =>
      new Promise<Observed>((resolve) => {
        const seen: Partial<Observed> = {}
        const settle = (): void => {
          if (seen.exit !== undefined && seen.gone) resolve(seen as Observed)
        }
        electronApp.on('child-process-gone', (_event, details) => {
          if (details.name !== 'Stampede exit one') return
          seen.gone = { type: details.type, reason: details.reason, exitCode: details.exitCode, name: details.name }
          settle()
        })
        const child = utilityProcess.fork(modulePath, [], { serviceName: 'Stampede exit one' })
        child.once('exit', (code) => {
          seen.exit = code
          settle()
        })
      }),
    script
  )
  console.log(`process.exit(1) on ${process.platform}: exit ${observed.exit}, child-process-gone ${JSON.stringify(observed.gone)}`)
  expect(observed.exit).toBe(1)
  expect(observed.gone.type).toBe('Utility')
  expect(exitCodesMatch(observed.gone.exitCode, observed.exit, process.platform)).toBe(true)

  // The same two events through main's own pairing, in either order.
  for (const goneFirst of [false, true]) {
    const events = new EventEmitter()
    const reasons = new ProcessGoneReasons(events, process.platform, 5_000)
    if (goneFirst) events.emit('child-process-gone', {}, observed.gone)
    const reason = reasons.reasonForExit('Stampede exit one', observed.exit)
    if (!goneFirst) events.emit('child-process-gone', {}, observed.gone)
    expect(await reason).toBe(observed.gone.reason)
  }
})
