import { baselineTools } from './tools.mjs'
import { measureThroughput } from './throughput.mjs'
import { ratio } from './stats.mjs'

/**
 * Does a change cost a constant HTTP/1.1 run anything? The same closed-model run, taking turns: this
 * build, the build before the change (BENCH_BASELINE_CLI), and this build with the load written as one
 * flat stage (the shaped closed schedule). Same throughput within the rounds' spread means no
 * measurable cost. Quicker than the throughput section with the same baseline: no other tools.
 */

/**
 * @param {{ repo: string, load: import('./tools.mjs').Load, rounds: number,
 *   cpus: string | undefined, targetPid: number, log: (line: string) => void }} plan
 */
export async function measureAgainstBaseline({ repo, load, rounds, cpus, targetPid, log }) {
  const throughput = await measureThroughput({ tools: baselineTools(repo), load, rounds, cpus, targetPid, log })
  const rpsOf = (/** @type {string} */ name) => throughput.summaries.find((s) => s.tool === name)?.rps ?? NaN
  return {
    ...throughput,
    baselineCli: process.env.BENCH_BASELINE_CLI || undefined,
    ratios: {
      thisToBaseline: ratio(rpsOf('stampede'), rpsOf('stampede-baseline')),
      stagesToConstant: ratio(rpsOf('stampede --stages'), rpsOf('stampede'))
    }
  }
}
