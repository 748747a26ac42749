import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// Each folder is a runtime; these rules keep code from importing what its runtime does not have
// (after VS Code's code-layering rule). See ../shared/STYLE.md.
const noElectron = {
  name: 'electron',
  message: 'src/engine, src/shared and src/cli run under plain Node or in the browser: no Electron here.'
}
const rawIpc = (side) => ({
  name: 'electron',
  importNames: [side],
  message: `Only the one IPC wrapper on each side touches ${side}: use src/main/ipc.ts or src/preload/index.ts.`
})
const nodeBuiltins = {
  group: ['node:*'],
  message: 'The renderer and src/shared know only the DOM and window.api: no Node modules.'
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
    files: ['src/engine/**', 'src/shared/**', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] }
  },
  {
    files: ['src/shared/**', 'src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [nodeBuiltins] }] }
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
