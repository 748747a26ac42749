import { runTool } from './tools.mjs'
import { median, ratio } from './stats.mjs'
import { CLOCK_TICKS, cpuTicksOf, reapedChildTicks } from './process-tree.mjs'
import { machineTaskTicks } from './machine.mjs'

/**
 * The side-by-side: each round runs every tool once, in the same order (S A W, S A W, ...), so a
 * slow drift of the machine (another tenant, thermal limits) touches every tool alike; each tool's
 * figure is its median over the rounds.
 */

/**
 * @typedef {object} RoundRun
 * @property {number} round
 * @property {string} tool
 * @property {import('./tool-output.mjs').ToolResult} [result]
 * @property {number} [targetCpuPercent] the target's CPU use over the run: near 100 means the target,
 *   not the tool, set the pace
 * @property {number} [generatorCpuPercent] the tool's whole process tree
 * @property {number} [otherCpuPercent] every other process on the machine: above a few percent, the
 *   run shared its cores with something else
 * @property {string} [error]
 */

/**
 * @typedef {object} ToolSummary
 * @property {string} tool
 * @property {number} rps
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} generatorCpuPercent
 * @property {number} targetCpuPercent
 * @property {number} otherCpuPercent
 * @property {number} errors  over all its runs
 * @property {number} runs    that succeeded
 * @property {string} [skipped] why it did not run
 */

const WARM_UP_S = 2

/**
 * @param {{ tools: import('./tools.mjs').Tool[], load: import('./tools.mjs').Load, rounds: number,
 *   cpus: string | undefined, targetPid: number, log: (line: string) => void }} plan
 */
export async function measureThroughput({ tools, load, rounds, cpus, targetPid, log }) {
  const runnable = tools.filter((tool) => !tool.missing)
  // An unrecorded run first, so the first tool of round 1 does not meet a cold target.
  const warmer = runnable.find((tool) => tool.name === 'wrk') ?? runnable[0]
  if (warmer) {
    log(`warm-up: ${warmer.name} for ${WARM_UP_S} s`)
    await runTool(warmer, { ...load, durationS: WARM_UP_S }, cpus).catch(() => undefined)
  }
  /** @type {RoundRun[]} */
  const runs = []
  for (let round = 1; round <= rounds; round++) {
    for (const tool of runnable) {
      log(`round ${round}/${rounds}: ${tool.name} for ${load.durationS} s`)
      try {
        const before = cpuAccounts(targetPid)
        const result = await runTool(tool, load, cpus)
        const after = cpuAccounts(targetPid)
        const percentOf = (/** @type {'target' | 'generator' | 'other'} */ key) =>
          ((after[key] - before[key]) / CLOCK_TICKS / result.durationS) * 100
        runs.push({
          round,
          tool: tool.name,
          result,
          targetCpuPercent: percentOf('target'),
          generatorCpuPercent: percentOf('generator'),
          otherCpuPercent: percentOf('other')
        })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        log(`  ${tool.name} failed: ${message}`)
        runs.push({ round, tool: tool.name, error: message })
      }
    }
  }
  const summaries = tools.map((tool) => summarize(tool, runs))
  const rpsOf = (/** @type {string} */ name) => summaries.find((s) => s.tool === name)?.rps ?? NaN
  return {
    runs,
    summaries,
    ratios: {
      stampedeToAutocannon: ratio(rpsOf('stampede'), rpsOf('autocannon')),
      stampedeToWrk: ratio(rpsOf('stampede'), rpsOf('wrk')),
      stampedeToBaseline: ratio(rpsOf('stampede'), rpsOf('stampede-baseline'))
    }
  }
}

/**
 * CPU ticks so far of the target, of the generators (children this process has reaped) and of
 * everything else on the machine (this process's own few included).
 * @param {number} targetPid
 */
function cpuAccounts(targetPid) {
  const target = cpuTicksOf(targetPid)
  const generator = reapedChildTicks()
  return { target, generator, other: machineTaskTicks() - target - generator }
}

/**
 * @param {import('./tools.mjs').Tool} tool
 * @param {RoundRun[]} runs
 * @returns {ToolSummary}
 */
function summarize(tool, runs) {
  const succeeded = runs.filter((run) => run.tool === tool.name && run.result)
  const results = succeeded.map((run) => /** @type {import('./tool-output.mjs').ToolResult} */ (run.result))
  return {
    tool: tool.name,
    rps: median(results.map((r) => r.rps)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    generatorCpuPercent: median(succeeded.map((run) => run.generatorCpuPercent ?? NaN)),
    targetCpuPercent: median(succeeded.map((run) => run.targetCpuPercent ?? NaN)),
    otherCpuPercent: median(succeeded.map((run) => run.otherCpuPercent ?? NaN)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    runs: results.length,
    ...(tool.missing ? { skipped: tool.missing } : {})
  }
}
