import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fromAutocannon, fromStampede, fromWrk } from './tool-output.mjs'
import { pinned } from './pinning.mjs'
import { runToEnd } from './spawned-processes.mjs'

/**
 * The three load generators, each run the way that makes them comparable: one process or thread
 * (Stampede -w 1, autocannon's default of no workers, wrk -t1), the same connections and duration,
 * keep-alive, GET on the same URL. Stampede and autocannon run on the same Node as this script.
 */

/**
 * @typedef {object} Tool
 * @property {'stampede' | 'stampede-baseline' | 'autocannon' | 'wrk'} name
 * @property {string | undefined} missing  why it cannot run here, or undefined when it can
 * @property {(load: Load) => [string, string[]]} commandFor
 * @property {(stdout: string) => import('./tool-output.mjs').ToolResult} parse
 */

/** @typedef {{ url: string, connections: number, durationS: number }} Load */

/** Extra time a run may take beyond its duration (startup, connecting, the report) before it is killed. */
const GRACE_MS = 30_000

/**
 * The built CLI, or another build of it named by BENCH_STAMPEDE_CLI (to compare two versions).
 * @param {string} repo
 */
export function stampedeCliPath(repo) {
  return process.env.BENCH_STAMPEDE_CLI || join(repo, 'out', 'cli', 'index.js')
}

/**
 * @param {string} repo
 * @returns {Tool[]}
 */
export function loadTools(repo) {
  const cli = stampedeCliPath(repo)
  const autocannon = autocannonPath(repo)
  const baseline = process.env.BENCH_BASELINE_CLI
  /** @type {(name: 'stampede' | 'stampede-baseline', path: string) => Tool} */
  const stampede = (name, path) => ({
    name,
    missing: existsSync(path) ? undefined : `${path} does not exist (is the CLI built? npm run build)`,
    commandFor: ({ url, connections, durationS }) => [
      process.execPath,
      [path, '-c', String(connections), '-d', String(durationS), '-w', '1', '--json', url]
    ],
    parse: fromStampede
  })
  return [
    stampede('stampede', cli),
    // Another build of the CLI (BENCH_BASELINE_CLI=/path/to/out/cli/index.js), run in the same
    // rounds, so a change is measured against the build before it back to back.
    ...(baseline ? [stampede('stampede-baseline', baseline)] : []),
    {
      name: 'autocannon',
      missing: existsSync(autocannon) ? undefined : `${autocannon} does not exist (npm ci)`,
      commandFor: ({ url, connections, durationS }) => [
        process.execPath,
        [autocannon, '-c', String(connections), '-d', String(durationS), '--json', url]
      ],
      parse: fromAutocannon
    },
    {
      name: 'wrk',
      missing: spawnSync('wrk', ['-v']).error ? 'wrk is not installed (apt-get install wrk)' : undefined,
      commandFor: ({ url, connections, durationS }) => [
        'wrk',
        ['-t1', `-c${connections}`, `-d${durationS}s`, '--latency', url]
      ],
      parse: fromWrk
    }
  ]
}

/** @param {string} repo */
export function autocannonPath(repo) {
  return join(repo, 'node_modules', 'autocannon', 'autocannon.js')
}

/**
 * Runs one tool once and returns its figures; throws with the tool's own words if it fails.
 * @param {Tool} tool
 * @param {Load} load
 * @param {string | undefined} cpus
 */
export async function runTool(tool, load, cpus) {
  const [command, args] = pinned(cpus, ...tool.commandFor(load))
  const run = await runToEnd(command, args, { timeoutMs: load.durationS * 1000 + GRACE_MS })
  if (run.timedOut) throw new Error(`${tool.name} ran past ${load.durationS} s + ${GRACE_MS / 1000} s and was killed`)
  if (run.code !== 0) {
    const said = (run.stderr.trim() || run.stdout.trim()).slice(-500)
    throw new Error(`${tool.name} exited with ${run.code ?? run.signal}: ${said}`)
  }
  return tool.parse(run.stdout)
}
