import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, type ElectronApplication } from '@playwright/test'
import { locateApp } from '../support/app-locators'
import { launchApp, skipWithoutElectron, UserDataDirs } from './launch'

// V8's code cache for the page on stampede://app (the scheme's codeCache privilege): kept in the
// profile's "Code Cache/js", as Electron's own spec checks it (spec/api-protocol-spec.ts), and what
// it saves at start-up, measured. A benchmark's figures are printed, not judged: CI machines vary.
skipWithoutElectron()

const profiles = new UserDataDirs()
let app: ElectronApplication | undefined

test.afterEach(async () => {
  await app?.close()
  app = undefined
  profiles.removeAll()
})

const codeCacheDir = (profile: string): string => join(profile, 'Code Cache', 'js')
/** Chromium's cache keeps an index and its folder there even when nothing is cached. */
const cachedScripts = (profile: string): number => readdirSync(codeCacheDir(profile)).length - 2

/** From launch to the form on screen, in ms, and the page's own DOMContentLoaded. */
async function timedStart(profile: string): Promise<{ toForm: number; domContentLoaded: number }> {
  const started = performance.now()
  const launched = await launchApp(profile)
  app = launched.app
  await expect(locateApp(launched.page).submit).toBeVisible()
  const toForm = performance.now() - started
  // Compiled without DOM types: the page's Navigation Timing entry, as far as it is read here.
  type PagePerformance = { getEntriesByType(type: string): Array<{ domContentLoadedEventEnd: number }> }
  const domContentLoaded = await launched.page.evaluate(
    () => (performance as unknown as PagePerformance).getEntriesByType('navigation')[0].domContentLoadedEventEnd
  )
  await app.close()
  app = undefined
  return { toForm, domContentLoaded }
}

test("the page's scripts are kept in V8's code cache, and a start with the cache is timed against one without", async () => {
  const profile = profiles.create()
  // Two loads make the scripts hot, the second writes their code to the cache.
  const launched = await launchApp(profile)
  app = launched.app
  await launched.page.reload()
  await expect(locateApp(launched.page).submit).toBeVisible()
  await app.close()
  app = undefined
  expect(cachedScripts(profile)).toBeGreaterThan(0)

  const rounds: Array<{ withCache: number; withoutCache: number; dclWith: number; dclWithout: number }> = []
  for (let round = 0; round < 3; round++) {
    const warm = await timedStart(profile)
    rmSync(join(profile, 'Code Cache'), { recursive: true, force: true })
    const cold = await timedStart(profile)
    // The cold start wrote the cache again for the next round's warm start.
    rounds.push({ withCache: warm.toForm, withoutCache: cold.toForm, dclWith: warm.domContentLoaded, dclWithout: cold.domContentLoaded })
  }
  const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  console.log(
    `Start to the form on ${process.platform} (median of ${rounds.length}): ` +
      `${median(rounds.map((r) => r.withCache)).toFixed(0)} ms with the code cache, ` +
      `${median(rounds.map((r) => r.withoutCache)).toFixed(0)} ms without; DOMContentLoaded ` +
      `${median(rounds.map((r) => r.dclWith)).toFixed(0)} ms with, ${median(rounds.map((r) => r.dclWithout)).toFixed(0)} ms without`
  )
})
