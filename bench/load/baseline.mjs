import { baselineTools } from './tools.mjs'
import { measureThroughput } from './throughput.mjs'
import { ratio } from './stats.mjs'

/**
 * Does the load designer (stages, HTTP/2, insecure TLS) cost a constant HTTP/1.1 run anything? The
 * same closed-model run, taking turns: this build, a baseline build (main's, before the change), and
 * this build with the load written as one flat stage. Same throughput within the rounds' spread
 * means no measurable cost.
 */

/**
 * @param {{ repo: string, baselineCli: string | undefined, load: import('./tools.mjs').Load, rounds: number,
 *   cpus: string | undefined, targetPid: number, log: (line: string) => void }} plan
 */
export async function measureAgainstBaseline({ repo, baselineCli, load, rounds, cpus, targetPid, log }) {
  const throughput = await measureThroughput({ tools: baselineTools(repo, baselineCli), load, rounds, cpus, targetPid, log })
  const rpsOf = (/** @type {string} */ name) => throughput.summaries.find((s) => s.tool === name)?.rps ?? NaN
  return {
    ...throughput,
    baselineCli,
    ratios: {
      thisToBaseline: ratio(rpsOf('stampede'), rpsOf('baseline')),
      stagesToConstant: ratio(rpsOf('stampede --stages'), rpsOf('stampede'))
    }
  }
}
