import { chmodSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vite'

/**
 * The headless CLI: one CommonJS file, out/cli/index.js, that Node runs directly (and npm links as
 * `stampede`). It forks the engine and the demo target that electron-vite builds into out/main/, so
 * build that first: `npm run build` does both.
 */
const packageJson = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
  version: string
  dependencies: Record<string, string>
}

/** `bin` runs the file itself: it must be executable. */
function executableOutput(): Plugin {
  return {
    name: 'stampede:executable-output',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) chmodSync(join(options.dir ?? 'out/cli', fileName), 0o755)
    }
  }
}

export default defineConfig({
  define: { __STAMPEDE_VERSION__: JSON.stringify(packageJson.version) },
  plugins: [executableOutput()],
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      // Dependencies load from node_modules, as the app's main bundle does.
      external: [...builtinModules, /^node:/, ...Object.keys(packageJson.dependencies)],
      output: {
        format: 'cjs',
        entryFileNames: 'index.js',
        banner: '#!/usr/bin/env node'
      }
    }
  }
})
