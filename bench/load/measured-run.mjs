import { ProcessTreeSampler, reapedChildTicks } from './process-tree.mjs'
import { runToEnd } from './spawned-processes.mjs'

/**
 * Runs a command to its end while sampling its whole process tree every 50 ms: peak memory and CPU
 * time per process. Also takes the exact CPU time of the tree from this process's own accounts of
 * reaped children, as a check on the polled figure.
 */

/**
 * @typedef {object} MeasuredRun
 * @property {import('./spawned-processes.mjs').Finished} finished
 * @property {import('./process-tree.mjs').ProcessRecord[]} processes
 * @property {number} polledCpuTicks  sum of the last CPU reading of each process
 * @property {number} reapedCpuTicks  cutime + cstime gained by this process over the run
 */

/**
 * @param {string} command
 * @param {string[]} args
 * @param {number} timeoutMs
 * @returns {Promise<MeasuredRun>}
 */
export async function runMeasured(command, args, timeoutMs) {
  /** @type {ProcessTreeSampler | undefined} */
  let sampler
  const reapedBefore = reapedChildTicks()
  const finished = await runToEnd(command, args, {
    timeoutMs,
    onSpawn: (child) => (sampler = new ProcessTreeSampler(/** @type {number} */ (child.pid), 50))
  })
  const processes = sampler?.stop() ?? []
  return {
    finished,
    processes,
    polledCpuTicks: processes.reduce((sum, p) => sum + p.cpuTicks, 0),
    reapedCpuTicks: reapedChildTicks() - reapedBefore
  }
}

/**
 * The JSON object Stampede's CLI printed, or an error in its own words if the run failed.
 * @param {MeasuredRun} measured
 * @param {string} label what was run, for the message
 */
export function stampedeJson({ finished }, label) {
  if (finished.timedOut) throw new Error(`${label} ran out of time and was killed`)
  if (finished.code !== 0) {
    throw new Error(`${label} exited with ${finished.code ?? finished.signal}: ${finished.stderr.trim().slice(-500)}`)
  }
  return JSON.parse(finished.stdout.trim())
}
