// Electron's npm package downloads its binary lazily, and electron-vite's launcher only looks for it
// (electron-vite #904), so `npm start` and `npm run dev` run Electron's own installer first. It is a
// no-op once node_modules/electron/dist holds this version; it honours ELECTRON_MIRROR,
// electron_config_cache, ELECTRON_GET_USE_PROXY with HTTPS_PROXY, and the rest of @electron/get's settings.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const installer = require.resolve('electron/install.js')
const { version } = require('electron/package.json')

const { status, error } = spawnSync(process.execPath, [installer], { stdio: 'inherit' })
if (status !== 0) {
  const source = process.env.ELECTRON_MIRROR ?? 'GitHub releases'
  console.error(
    [
      '',
      `Could not download Electron ${version}'s binary from ${source}${error ? ` (${error.message})` : ''}.`,
      'The app cannot open without it. Check the connection and run the command again;',
      'behind a proxy set ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY; with a mirror set ELECTRON_MIRROR.',
      'The headless CLI needs no Electron: npm run build && node out/cli/index.js --help'
    ].join('\n')
  )
  process.exit(status ?? 1)
}
