import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readOptions, USAGE } from './options.mjs'
import { planPinning } from './pinning.mjs'
import { backgroundBusyPercent, describeMachine } from './machine.mjs'
import { startTarget } from './targets.mjs'
import { autocannonPath, loadTools } from './tools.mjs'
import { measureThroughput } from './throughput.mjs'
import { measureMemory } from './memory.mjs'
import { measureWorkerScaling } from './worker-scaling.mjs'
import { measureHttp2 } from './http2.mjs'
import { measureAgainstBaseline } from './baseline.mjs'
import { baselineText, http2Text, machineText, memoryText, scalingText, throughputText } from './report.mjs'
import { killAllGroups } from './spawned-processes.mjs'

/**
 * npm run bench: Stampede's headless CLI against autocannon and wrk on a local target, then
 * Stampede's memory at 100k and 1M requests, then -w 1 against -w 2, then HTTP/2 and h2c beside
 * h2load, then a constant HTTP/1.1 run against a baseline build. The report goes to stdout,
 * progress to stderr, raw figures to bench/load/results/latest.json.
 */

const repo = fileURLToPath(new URL('../..', import.meta.url))
const resultsFile = fileURLToPath(new URL('./results/latest.json', import.meta.url))
const log = (/** @type {string} */ line) => process.stderr.write(`[bench] ${line}\n`)

// Whatever ends this process, no target or generator may outlive it.
process.on('exit', killAllGroups)
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    log(`${signal}: stopping every process the bench started`)
    killAllGroups()
    process.exit(130)
  })
}

main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})

async function main() {
  const options = readOptions(process.argv.slice(2), process.env)
  if (options.help) return console.log(USAGE)
  if (!existsSync('/proc/self/status')) throw new Error('the bench reads /proc, so it runs on Linux only')

  const pinning = planPinning(options.pin)
  const tools = loadTools(repo)
  const machine = { ...describeMachine({ repo, autocannon: autocannonPath(repo) }), busyBeforePercent: await backgroundBusyPercent() }
  const target = await startTarget({ kind: options.target, cpus: pinning.targetCpus })
  /** @type {Record<string, unknown>} */
  const results = {
    when: new Date().toISOString(),
    options,
    machine,
    target: { kind: target.kind, version: target.version, url: target.url },
    pinning
  }
  try {
    console.log(machineText(machine, target, pinning))
    if (machine.busyBeforePercent > 10) {
      log(`warning: the machine was ${Math.round(machine.busyBeforePercent)}% busy before the bench; figures will be low and noisy`)
    }
    const load = { url: target.url, connections: options.connections, durationS: options.durationS }
    const cpus = pinning.generatorCpus
    const stampede = tools.find((tool) => tool.name === 'stampede')
    if (options.sections.throughput) {
      await section('throughput', results, async () => {
        const throughput = await measureThroughput({ tools, load, rounds: options.rounds, cpus, targetPid: target.pid, log })
        return [throughput, throughputText(throughput, { ...load, rounds: options.rounds })]
      })
    }
    if (options.sections.baseline) {
      await section('baseline', results, async () => {
        const baseline = await measureAgainstBaseline({
          repo,
          load,
          rounds: options.rounds,
          cpus,
          targetPid: target.pid,
          log
        })
        return [baseline, baselineText(baseline, { ...load, rounds: options.rounds })]
      })
    }
    if (options.sections.http2) {
      await section('http2', results, async () => {
        const http2 = await measureHttp2({
          repo,
          load: { connections: options.connections, streams: options.streams, durationS: options.durationS },
          rounds: options.rounds,
          cpus,
          targetCpus: pinning.targetCpus,
          log
        })
        return [http2, http2Text(http2)]
      })
    }
    if (stampede?.missing && (options.sections.memory || options.sections.scaling)) {
      console.log(`\nMemory and worker scaling skipped: ${stampede.missing}`)
    } else {
      if (options.sections.memory) {
        await section('memory', results, async () => {
          const memory = await measureMemory({ repo, url: target.url, cpus, log })
          return [memory, memoryText(memory)]
        })
      }
      if (options.sections.scaling) {
        await section('scaling', results, async () => {
          const scaling = await measureWorkerScaling({ repo, ...load, log })
          return [scaling, scalingText(scaling, pinning)]
        })
      }
    }
  } finally {
    save(results)
    await target.stop()
  }
  log(`raw results: ${resultsFile}`)
}

/**
 * Runs one section, prints its text and keeps its figures; a failed section is reported and the
 * next one still runs.
 * @param {'throughput' | 'memory' | 'scaling' | 'http2' | 'baseline'} name
 * @param {Record<string, unknown>} results
 * @param {() => Promise<[unknown, string]>} measure
 */
async function section(name, results, measure) {
  try {
    const [figures, text] = await measure()
    results[name] = figures
    console.log(`\n${text}`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    results[name] = { error: message }
    console.log(`\n${name} failed: ${message}`)
    process.exitCode = 1
  }
  save(results)
}

/** @param {object} results */
function save(results) {
  mkdirSync(new URL('./results', import.meta.url), { recursive: true })
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`)
}
