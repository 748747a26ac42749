import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fromAutocannon, fromH2load, fromNodeHttp2, fromStampede, fromWrk } from './tool-output.mjs'
import { pinned } from './pinning.mjs'
import { runToEnd } from './spawned-processes.mjs'

/**
 * The three load generators, each run the way that makes them comparable: one process or thread
 * (Stampede -w 1, autocannon's default of no workers, wrk -t1), the same connections and duration,
 * keep-alive, GET on the same URL. Stampede and autocannon run on the same Node as this script.
 */

/**
 * @typedef {object} Tool
 * @property {string} name  'stampede', 'stampede-baseline', 'autocannon', 'wrk', 'h2load', or another
 *   variant of Stampede
 * @property {string | undefined} missing  why it cannot run here, or undefined when it can
 * @property {(load: Load) => [string, string[]]} commandFor
 * @property {(stdout: string) => import('./tool-output.mjs').ToolResult} parse
 */

/**
 * @typedef {{ url: string, connections: number, durationS: number, streams?: number }} Load
 * streams: HTTP/2 streams in flight per connection (Stampede -p, h2load -m)
 */

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

/**
 * Stampede and h2load over HTTP/2, each one process pinned like the rest: Stampede --http2 -k (TLS,
 * h2 by ALPN; -k for the test certificate) or --h2c, -p streams per connection; h2load -m streams,
 * one thread (its default), which negotiates h2 on https:// and speaks h2c by prior knowledge on
 * http:// (h2load never checks certificates). A bare loop over Node's own http2 client
 * (./node-http2-client.mjs) runs beside them as the floor of any generator built on it.
 * @param {string} repo
 * @param {'h2' | 'h2c'} protocol
 * @returns {Tool[]}
 */
export function http2Tools(repo, protocol) {
  const cli = stampedeCliPath(repo)
  const protocolFlags = protocol === 'h2' ? ['--http2', '-k'] : ['--h2c']
  return [
    {
      name: 'stampede',
      missing: existsSync(cli) ? undefined : `${cli} does not exist (is the CLI built? npm run build)`,
      commandFor: ({ url, connections, durationS, streams = 1 }) => [
        process.execPath,
        [cli, ...protocolFlags, '-c', String(connections), '-p', String(streams), '-d', String(durationS), '-w', '1', '--json', url]
      ],
      parse: fromStampede
    },
    {
      name: 'h2load',
      missing: spawnSync('h2load', ['--version']).error ? 'h2load is not installed (apt-get install nghttp2-client)' : undefined,
      commandFor: ({ url, connections, durationS, streams = 1 }) => [
        'h2load',
        ['-t', '1', '-c', String(connections), '-m', String(streams), '-D', String(durationS), url]
      ],
      parse: fromH2load
    },
    {
      name: 'node http2',
      missing: undefined,
      commandFor: ({ url, connections, durationS, streams = 1 }) => [
        process.execPath,
        [fileURLToPath(new URL('./node-http2-client.mjs', import.meta.url)), url, String(connections), String(streams), String(durationS)]
      ],
      parse: fromNodeHttp2
    }
  ]
}

/**
 * A constant HTTP/1.1 closed-model run three ways, to show what a change costs a run that does not
 * use it: this build, another build (BENCH_BASELINE_CLI, the build before the change), and this
 * build given the same load as one flat stage (--stages, so the shaped closed schedule runs).
 * @param {string} repo
 * @returns {Tool[]}
 */
export function baselineTools(repo) {
  const cli = stampedeCliPath(repo)
  const baselineCli = process.env.BENCH_BASELINE_CLI || undefined
  const stampedeRun = (/** @type {string} */ name, /** @type {string | undefined} */ path, /** @type {boolean} */ shaped) => ({
    name,
    missing:
      path === undefined
        ? 'no baseline build given (BENCH_BASELINE_CLI=/path/to/out/cli/index.js)'
        : existsSync(path)
          ? undefined
          : `${path} does not exist (build it first)`,
    commandFor: (/** @type {Load} */ { url, connections, durationS }) => [
      process.execPath,
      [
        /** @type {string} */ (path),
        '-c',
        String(connections),
        ...(shaped ? ['--stages', `${durationS}s:${connections}`] : ['-d', String(durationS)]),
        '-w',
        '1',
        '--json',
        url
      ]
    ],
    parse: fromStampede
  })
  return [
    stampedeRun('stampede', cli, false),
    stampedeRun('stampede-baseline', baselineCli, false),
    stampedeRun('stampede --stages', cli, true)
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
