import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import globals from 'globals'

// Each folder of src/ is a runtime or a layer. Zones say which folder may import which, judged on
// the resolved file, so a chain of imports cannot smuggle a runtime in (after VS Code's
// code-layering rule; see ../shared/STYLE.md). tests/lint/boundaries.test.ts plants a breach of
// each zone and expects this config to fail it.
const SRC = ['shared', 'engine', 'demo-target', 'control', 'main', 'preload', 'renderer', 'cli']
const others = (...allowed) => SRC.filter((folder) => !allowed.includes(folder)).map((folder) => `./src/${folder}`)

export const BOUNDARY_ZONES = [
  {
    target: './src/shared',
    from: others('shared'),
    message: 'src/shared is imported by every runtime and imports none of them.'
  },
  {
    target: './src/engine',
    from: others('shared', 'engine'),
    message: 'The engine process imports only src/shared.'
  },
  {
    target: './src/demo-target',
    from: others('shared', 'demo-target', 'engine'),
    message: 'The demo target process imports only src/shared (and the engine\'s parent port).'
  },
  {
    target: './src/demo-target',
    from: './src/engine',
    except: ['./parent-port.ts'],
    message: 'Of the engine, the demo target may use only its parent port (src/engine/parent-port.ts).'
  },
  {
    target: './src/control',
    from: others('shared', 'control', 'engine'),
    message: 'src/control is what the app and the CLI both drive: it never imports main, cli or the UI.'
  },
  {
    target: './src/control',
    from: './src/engine',
    except: ['./latency-histogram.ts'],
    message: 'Of the engine, src/control may use only the latency histogram (to merge workers exactly).'
  },
  {
    target: './src/cli',
    from: others('shared', 'control', 'cli'),
    message: 'The CLI drives src/control; it never imports main (Electron) or the UI.'
  },
  {
    target: './src/main',
    from: others('shared', 'control', 'main'),
    message: 'Main wires src/control to Electron; it does not reach into the engine, the CLI or the UI.'
  },
  {
    target: './src/preload',
    from: others('shared', 'preload'),
    message: 'The preload is the typed bridge: it knows only src/shared.'
  },
  {
    target: './src/renderer',
    from: others('shared', 'renderer'),
    message: 'The renderer knows only src/shared and window.api.'
  },
  {
    target: ['./src/shared', './src/engine', './src/demo-target', './src/control', './src/cli', './src/renderer'],
    from: './node_modules/electron',
    message: 'Only src/main and src/preload run inside Electron: everything else runs under plain Node or in the page.'
  }
]

const rawIpc = (side) => ({
  name: 'electron',
  importNames: [side],
  message: `Only the one IPC wrapper on each side touches ${side}: use src/main/ipc.ts or src/preload/index.ts.`
})
const nodeBuiltins = {
  group: ['node:*'],
  message: 'The renderer and src/shared know only the DOM and window.api: no Node modules.'
}
const noElectron = {
  name: 'electron',
  message: 'Tests and benchmarks run under Node, where loading Electron would try to download it.'
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'] })]
    },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: BOUNDARY_ZONES }] }
  },
  {
    files: ['src/shared/**', 'src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins] }] }
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc('ipcMain')] }] }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs['recommended-latest'].rules
  },
  {
    // The load benchmark and the project's scripts are plain Node ESM, run as they are (no build step).
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: globals.node }
  },
  {
    // Tests run under Node and must never load the Electron binary (it is absent here).
    files: ['tests/**', 'bench/**'],
    ignores: ['tests/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] }
  }
)
