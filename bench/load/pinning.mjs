import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

/**
 * Where the target and the generators run. On two or more cores the target gets the last allowed CPU
 * and every generator the first, so a tool that burns CPU cannot slow the target it measures, and the
 * tools are compared on equal hardware: one core each. Children inherit the affinity, so pinning a
 * generator's first process pins the whole tree (Stampede's engine children included).
 */

/**
 * @typedef {object} Pinning
 * @property {boolean} used
 * @property {string | undefined} targetCpus   a taskset CPU list, or undefined when not pinned
 * @property {string | undefined} generatorCpus
 * @property {string} note  why, in words, for the report
 */

/**
 * @param {boolean} wanted false when --unpinned was given
 * @returns {Pinning}
 */
export function planPinning(wanted) {
  const unpinned = (/** @type {string} */ note) => ({ used: false, targetCpus: undefined, generatorCpus: undefined, note })
  if (!wanted) return unpinned('not pinned (--unpinned)')
  if (spawnSync('taskset', ['--version']).error) return unpinned('not pinned (taskset is not installed)')
  const cpus = allowedCpus()
  if (cpus.length < 2) return unpinned(`not pinned (only ${cpus.length} CPU allowed)`)
  const target = String(cpus[cpus.length - 1])
  const generator = String(cpus[0])
  return {
    used: true,
    targetCpus: target,
    generatorCpus: generator,
    note: `pinned with taskset: target on CPU ${target}, each generator's process tree on CPU ${generator}`
  }
}

/**
 * The command line that runs command on cpus (unchanged when cpus is undefined).
 * @param {string | undefined} cpus
 * @param {string} command
 * @param {string[]} args
 * @returns {[string, string[]]}
 */
export function pinned(cpus, command, args) {
  return cpus === undefined ? [command, args] : ['taskset', ['-c', cpus, command, ...args]]
}

/** The CPUs this process may run on (its affinity, which may be narrower than the machine). */
function allowedCpus() {
  const list = /^Cpus_allowed_list:\s+(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0'
  return list.split(',').flatMap((range) => {
    const [first, last = first] = range.split('-').map(Number)
    return Array.from({ length: last - first + 1 }, (_, i) => first + i)
  })
}
