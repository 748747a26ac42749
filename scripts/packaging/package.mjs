// Packs this OS's installers as electron-builder.yml describes them (`npm run dist`; build first):
// NSIS on Windows, DMG for x64 and arm64 on macOS, the .deb and then the AppImage in a pass of its
// own on Linux (./pack-passes.mjs, ./after-pack.mjs). With --publish, attaches them to the draft
// GitHub release of this version (GH_TOKEN; .github/workflows/release.yml). Signs where the credentials are in the
// environment, and says what goes out unsigned, and why, where they are not (docs/release.md).
import { build } from 'electron-builder'
import { packPasses } from './pack-passes.mjs'

const SIGNING = ['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD']
const NOTARIZATION = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']

// A secret a workflow does not have arrives as an empty string, which electron-builder takes as set.
for (const name of [...SIGNING, ...NOTARIZATION]) if (!process.env[name]) delete process.env[name]

function warn(message) {
  console.log(process.env.GITHUB_ACTIONS ? `::warning::${message}` : `Warning: ${message}`)
}

/** Says so, and (in CI) keeps electron-builder from looking for an identity that is not there. */
function unsigned(message) {
  warn(message)
  if (process.env.CI) process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false'
}

if (process.platform === 'win32') {
  if (process.env.WIN_CSC_LINK || process.env.CSC_LINK) console.log('Signing the Windows installer.')
  else unsigned('No WIN_CSC_LINK or CSC_LINK: the Windows installer is not signed, and SmartScreen warns whoever runs it.')
} else if (process.platform === 'darwin') {
  const notarization = NOTARIZATION.filter((name) => process.env[name])
  if (!process.env.CSC_LINK) {
    unsigned('No CSC_LINK: the macOS app is neither signed nor notarized, and Gatekeeper blocks it until the user allows it.')
    for (const name of NOTARIZATION) delete process.env[name]
  } else if (notarization.length === 0) {
    warn('No APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD or APPLE_TEAM_ID: the macOS app is signed but not notarized.')
  } else if (notarization.length < NOTARIZATION.length) {
    console.error(`Notarization needs all of ${NOTARIZATION.join(', ')}; missing: ${NOTARIZATION.filter((name) => !notarization.includes(name)).join(', ')}.`)
    process.exit(1)
  } else {
    console.log('Signing and notarizing the macOS app.')
  }
} else {
  console.log('Linux packages are not signed: electron-builder signs neither the .deb nor the AppImage.')
}

const publish = process.argv.includes('--publish') ? 'always' : 'never'
for (const pass of packPasses()) await build({ ...pass, publish })
