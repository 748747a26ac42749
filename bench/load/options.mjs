import { parseArgs } from 'node:util'

/**
 * The bench's settings, from flags or environment variables (flags win), e.g.
 *   npm run bench -- --duration=5 --connections=100 --rounds=3
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=100 BENCH_ROUNDS=3 npm run bench
 * Naming one or more sections (--throughput, --memory, --scaling, --http2, --baseline) runs only those.
 */

export const USAGE = `Usage: npm run bench -- [options]
  --duration=S      seconds per timed run (BENCH_DURATION, default 10)
  --connections=N   connections for every tool (BENCH_CONNECTIONS, default 50)
  --rounds=N        rounds of the three tools, round-robin (BENCH_ROUNDS, default 3)
  --target=KIND     nginx | node | auto (BENCH_TARGET, default auto: nginx when installed)
  --unpinned        do not pin the target and the generators to separate CPUs (BENCH_PIN=0)
  --streams=N       HTTP/2 streams per connection in the http2 section (BENCH_STREAMS, default 10)
  --throughput --memory --scaling --baseline --http2   run only the sections named (default: all)
  --help
Environment: BENCH_BASELINE_CLI=/path/to/out/cli/index.js adds another build of the CLI to the
throughput rounds (stampede-baseline), to measure a change against the build before it, and runs
the baseline section: a constant HTTP/1.1 run of the two builds alone, and of this one given the
load as one flat stage (--stages).`

/**
 * @typedef {object} BenchOptions
 * @property {number} durationS
 * @property {number} connections
 * @property {number} rounds
 * @property {'auto' | 'nginx' | 'node'} target
 * @property {boolean} pin
 * @property {number} streams
 * @property {{ throughput: boolean, memory: boolean, scaling: boolean, http2: boolean, baseline: boolean }} sections
 * @property {boolean} help
 */

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {BenchOptions}
 */
export function readOptions(argv, env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      target: { type: 'string' },
      unpinned: { type: 'boolean', default: false },
      streams: { type: 'string' },
      http2: { type: 'boolean', default: false },
      baseline: { type: 'boolean', default: false },
      throughput: { type: 'boolean', default: false },
      memory: { type: 'boolean', default: false },
      scaling: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  })
  const target = values.target ?? env.BENCH_TARGET ?? 'auto'
  if (target !== 'auto' && target !== 'nginx' && target !== 'node') throw new Error(`--target must be nginx, node or auto, not ${target}`)
  const named = values.throughput || values.memory || values.scaling || values.http2 || values.baseline
  return {
    durationS: positiveInteger('duration', values.duration ?? env.BENCH_DURATION, 10),
    connections: positiveInteger('connections', values.connections ?? env.BENCH_CONNECTIONS, 50),
    rounds: positiveInteger('rounds', values.rounds ?? env.BENCH_ROUNDS, 3),
    streams: positiveInteger('streams', values.streams ?? env.BENCH_STREAMS, 10),
    target,
    pin: !values.unpinned && env.BENCH_PIN !== '0',
    sections: {
      throughput: !named || values.throughput,
      memory: !named || values.memory,
      scaling: !named || values.scaling,
      http2: !named || values.http2,
      baseline: !named || values.baseline
    },
    help: values.help
  }
}

/**
 * @param {string} name
 * @param {string | undefined} text
 * @param {number} fallback
 */
function positiveInteger(name, text, fallback) {
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, not ${text}`)
  return value
}
