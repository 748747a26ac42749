import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { stampedeJson } from '../load/measured-run.mjs'
import { table } from '../load/report.mjs'
import { killAllGroups, runToEnd } from '../load/spawned-processes.mjs'
import { startTarget } from '../load/targets.mjs'
import { stampedeCliPath } from '../load/tools.mjs'
import { EngineSampler } from './engine-sampler.mjs'
import { soakSvg } from './svg-plot.mjs'

/**
 * npm run bench:soak: one long open-model run of the headless CLI against a local target, the
 * engine's resident memory and open descriptors read every few seconds. A leak shows as a line that
 * keeps climbing; a healthy engine's lines go flat once warm. Prints the series and a summary, draws
 * docs/soak.svg and keeps the raw figures in bench/soak/results/latest.json. A benchmark, not a
 * test: it asserts nothing.
 */

const USAGE = `Usage: npm run bench:soak -- [options]
  --minutes=N       length of the run (default 10)
  --rate=RPS        requests started a second, open model (default 2000)
  --connections=N   connections (default 50)
  --help`

const SAMPLE_INTERVAL_MS = 5000
/** Beyond the run's own length: start-up, connecting, the report. */
const GRACE_MS = 60_000

const repo = fileURLToPath(new URL('../../', import.meta.url))
const svgFile = fileURLToPath(new URL('../../docs/soak.svg', import.meta.url))
const resultsFile = fileURLToPath(new URL('./results/latest.json', import.meta.url))
const log = (/** @type {string} */ line) => process.stderr.write(`[soak] ${line}\n`)

process.on('exit', killAllGroups)
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    killAllGroups()
    process.exit(130)
  })
}

main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '50' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) return console.log(USAGE)
  if (!existsSync('/proc/self/status')) throw new Error('the soak reads /proc, so it runs on Linux only')
  const minutes = positive('minutes', values.minutes)
  const rate = positive('rate', values.rate)
  const connections = positive('connections', values.connections)
  const cli = stampedeCliPath(repo)
  if (!existsSync(cli)) throw new Error(`${cli} does not exist (npm run build)`)

  const target = await startTarget({ kind: 'auto', cpus: undefined })
  try {
    const durationS = Math.round(minutes * 60)
    const args = [cli, '-r', String(rate), '-d', String(durationS), '-c', String(connections), '-w', '1', '--json', target.url]
    log(`${target.kind} target at ${target.url}; stampede -r ${rate} -d ${durationS} -c ${connections} -w 1, sampled every ${SAMPLE_INTERVAL_MS / 1000} s`)
    /** @type {EngineSampler | undefined} */
    let sampler
    const finished = await runToEnd(process.execPath, args, {
      timeoutMs: durationS * 1000 + GRACE_MS,
      onSpawn: (child) => (sampler = new EngineSampler(/** @type {number} */ (child.pid), SAMPLE_INTERVAL_MS))
    })
    const samples = sampler?.stop() ?? []
    const report = stampedeJson({ finished }, 'the soak run')
    if (samples.length < 2) throw new Error('the engine was sampled fewer than twice: is the run long enough?')

    const summary = summarize(samples)
    console.log(seriesText(samples))
    console.log()
    console.log(summaryText(summary, report, { minutes, rate, connections, target: target.kind }))
    writeFileSync(svgFile, soakSvg(chartOf(samples, { minutes, rate, connections })))
    mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true })
    writeFileSync(
      resultsFile,
      `${JSON.stringify({ when: new Date().toISOString(), minutes, rate, connections, target: target.kind, summary, report, samples }, null, 2)}\n`
    )
    log(`wrote ${svgFile} and ${resultsFile}`)
  } finally {
    await target.stop()
  }
}

/**
 * @param {import('./engine-sampler.mjs').Sample[]} samples
 */
function summarize(samples) {
  const of = (/** @type {'rssMb' | 'descriptors' | 'sockets'} */ key) => {
    const series = samples.map((sample) => sample[key])
    return { start: series[0], end: series[series.length - 1], max: Math.max(...series), min: Math.min(...series) }
  }
  return { samples: samples.length, rssMb: of('rssMb'), descriptors: of('descriptors'), sockets: of('sockets') }
}

/** @param {import('./engine-sampler.mjs').Sample[]} samples */
function seriesText(samples) {
  return table(
    ['seconds', 'RSS MB', 'descriptors', 'sockets'],
    samples.map((sample) => [
      sample.seconds.toFixed(0),
      sample.rssMb.toFixed(1),
      String(sample.descriptors),
      String(sample.sockets)
    ])
  )
}

/**
 * @param {ReturnType<typeof summarize>} summary
 * @param {Record<string, any>} report  the CLI's --json output
 * @param {{ minutes: number, rate: number, connections: number, target: string }} setup
 */
function summaryText(summary, report, setup) {
  const row = (/** @type {string} */ label, /** @type {{ start: number, end: number, min: number, max: number }} */ s, digits = 0) => [
    label,
    s.start.toFixed(digits),
    s.end.toFixed(digits),
    s.min.toFixed(digits),
    s.max.toFixed(digits)
  ]
  return [
    `Soak: stampede -r ${setup.rate} for ${setup.minutes} min, -c ${setup.connections} -w 1, ${setup.target} target; engine sampled ${summary.samples} times`,
    table(
      ['engine', 'start', 'end', 'min', 'max'],
      [row('RSS MB', summary.rssMb, 1), row('descriptors', summary.descriptors), row('sockets', summary.sockets)]
    ),
    `requests: ${report.requests.sent.toLocaleString('en-US')} sent, ${report.requests.completed.toLocaleString('en-US')} completed, ` +
      `${report.requests.failed} failed; ${Math.round(report.rps).toLocaleString('en-US')} req/s; ` +
      `latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`
  ].join('\n')
}

/**
 * @param {import('./engine-sampler.mjs').Sample[]} samples
 * @param {{ minutes: number, rate: number, connections: number }} setup
 */
function chartOf(samples, { minutes, rate, connections }) {
  const points = (/** @type {'rssMb' | 'descriptors' | 'sockets'} */ key) =>
    samples.map((sample) => /** @type {[number, number]} */ ([sample.seconds / 60, sample[key]]))
  return {
    title: `Engine over a ${minutes}-minute soak: ${rate.toLocaleString('en-US')} req/s, open model, ${connections} connections`,
    xMax: Math.max(minutes, samples[samples.length - 1].seconds / 60),
    panels: [
      { title: 'Resident memory', unit: 'MB', lines: [{ label: 'RSS', color: '#1f77b4', points: points('rssMb') }] },
      {
        title: 'Open descriptors',
        unit: 'count',
        lines: [
          { label: 'all descriptors', color: '#d62728', points: points('descriptors') },
          { label: 'sockets', color: '#2ca02c', points: points('sockets') }
        ]
      }
    ]
  }
}

function positive(/** @type {string} */ name, /** @type {string} */ text) {
  const value = Number(text)
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`--${name} must be a positive number, not ${text}`)
  return value
}
