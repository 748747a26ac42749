#!/usr/bin/env node
// `npm run lint:electron`: Doyensec's Electronegativity over src/ (or the folder given), failing on any finding above
// informational and on any file it could not parse (an unread file is an unchecked one). Its CLI
// exits 0 whatever it finds, so this runs it as a library and judges the findings itself.
//
// A finding that does not apply is silenced where it is raised, with an `eng-disable CHECK_ID`
// comment on that line, and explained in docs/security.md; anything new fails here.
import { createRequire } from 'node:module'
import { relative, resolve } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * On every run Electronegativity fetches updated translations with `got` (1 s timeout); offline, got
 * 11's cancelable promise may then throw from a timer after the fact and end this process (seen on
 * Node 24). A lint step has no business on the network: its `got` is replaced by an immediate
 * refusal, and it keeps its bundled English messages.
 */
const electronegativityRequire = createRequire(require.resolve('@doyensec/electronegativity'))
const gotPath = electronegativityRequire.resolve('got')
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: () => Promise.reject(new Error('Stampede lints offline.'))
}
const run = require('@doyensec/electronegativity')
const { version: electronVersion } = require('electron/package.json')

/**
 * Compares the Electron in package.json with Electron's release list, fetched from the network; it
 * reports at informational level for an Electron in devDependencies (ours), so it could never fail
 * this script, only slow it down or break it offline. Electron upgrades are followed by npm audit.
 */
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck']
const INFORMATIONAL = 0

const input = resolve(process.argv[2] ?? 'src')
const result = await run(
  {
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    customScan: [],
    excludeFromScan: SKIPPED_CHECKS.map((check) => check.toLowerCase()),
    parserPlugins: []
  },
  false
)

const findings = result.issues.filter((issue) => issue.severity.value > INFORMATIONAL)
const informational = result.issues.length - findings.length
const unparsed = result.errors.filter((error) => !error.tolerable)

for (const issue of findings) {
  // Global checks speak of the whole app, with no file.
  const where =
    issue.file === 'N/A' ? 'the app as a whole' : `${relative('.', resolve(input, issue.file))}:${issue.location.line}`
  console.error(`${where}  ${issue.id} (${issue.severity.name}, ${issue.confidence.name})`)
  console.error(`  ${issue.description} ${issue.shortenedURL ?? ''}`)
}
for (const error of unparsed) console.error(`${relative('.', error.file)}: could not be parsed: ${error.message}`)

const summary =
  `Electronegativity (Electron ${electronVersion}) over ${relative('.', input) || '.'}: ` +
  `${result.globalChecks + result.atomicChecks} checks, ${findings.length} finding(s) above informational, ` +
  `${informational} informational, ${unparsed.length} file(s) not parsed.`
if (findings.length > 0 || unparsed.length > 0) {
  console.error(summary)
  console.error('Fix each finding, or, where it does not apply, say why in docs/security.md and add `eng-disable CHECK_ID` on its line.')
  process.exit(1)
}
console.log(summary)
