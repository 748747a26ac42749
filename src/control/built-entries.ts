import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The child-process entries electron-vite builds into out/main/, beside main's own index.js. */
export type BuiltEntryName = 'engine' | 'demo-target'

/**
 * The one way to find a built entry, for the app, the CLI, the tests and the benchmarks. `outDir` is
 * the build's out/ folder: join(__dirname, '..') from a bundle in out/main or out/cli (inside
 * app.asar too), resolve('out') from the repository.
 */
export function builtEntryPath(name: BuiltEntryName, outDir: string): string {
  return join(outDir, 'main', `${name}.js`)
}

/** builtEntryPath, or an error that says how to make the file when it is not there yet. */
export function requireBuiltEntry(name: BuiltEntryName, outDir: string): string {
  const path = builtEntryPath(name, outDir)
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first.`)
  return path
}
