import { readFileSync, readdirSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { basename } from 'node:path'

/**
 * Reads a process and its descendants from /proc (Linux only): peak resident memory (VmHWM) and CPU
 * time (utime + stime). A sampler polls the tree while it runs because a process's /proc entry
 * vanishes when it exits; VmHWM only grows and CPU time only grows, so the last reading per pid is
 * its peak and its total, short of the last poll interval.
 */

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
export const CLOCK_TICKS = readClockTicks()

/**
 * @typedef {object} ProcessRecord
 * @property {number} pid
 * @property {number} ppid
 * @property {string} command  the first words of its command line, to tell the CLI from an engine
 * @property {number} peakKb   highest VmHWM seen
 * @property {number} cpuTicks utime + stime at the last reading
 * @property {string} cpus     Cpus_allowed_list, to confirm that pinning reached every process
 */

export class ProcessTreeSampler {
  /**
   * @param {number} rootPid
   * @param {number} intervalMs
   */
  constructor(rootPid, intervalMs = 50) {
    this.rootPid = rootPid
    /** @type {Map<number, ProcessRecord>} */
    this.records = new Map()
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
  }

  sample() {
    for (const pid of [this.rootPid, ...descendantsOf(this.rootPid)]) {
      const reading = readProcess(pid)
      if (!reading) continue
      const known = this.records.get(pid)
      if (!known) {
        this.records.set(pid, reading)
        continue
      }
      known.peakKb = Math.max(known.peakKb, reading.peakKb)
      known.cpuTicks = Math.max(known.cpuTicks, reading.cpuTicks)
      // The root is first seen as taskset, which then execs the real command; a zombie's is empty.
      if (reading.command) known.command = reading.command
      if (reading.cpus !== '?') known.cpus = reading.cpus
    }
  }

  /** Stops polling and returns one record per process ever seen, the root first. */
  stop() {
    clearInterval(this.timer)
    return [...this.records.values()]
  }
}

/**
 * CPU ticks of this process's children that it has waited for (cutime + cstime). Its change across
 * a run is the exact CPU time of the whole tree, provided every process in it was reaped by its
 * parent; the polled figure is then a lower bound of it.
 */
export function reapedChildTicks() {
  const fields = statFields('self')
  return fields ? Number(fields[13]) + Number(fields[14]) : 0
}

/**
 * CPU ticks (utime + stime) a process has used so far, or NaN when it is gone.
 * @param {number} pid
 */
export function cpuTicksOf(pid) {
  const fields = statFields(String(pid))
  return fields ? Number(fields[11]) + Number(fields[12]) : NaN
}

/**
 * All descendants of pid, children before grandchildren.
 * @param {number} pid
 * @returns {number[]}
 */
export function descendantsOf(pid) {
  const found = []
  const queue = [pid]
  while (queue.length > 0) {
    const parent = /** @type {number} */ (queue.shift())
    for (const child of childrenOf(parent)) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

/** @param {number} pid */
function childrenOf(pid) {
  try {
    // Children are listed per thread: a child forked from a worker thread appears under that thread.
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
    )
  } catch {
    return []
  }
}

/**
 * @param {number} pid
 * @returns {ProcessRecord | undefined}
 */
function readProcess(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const fields = statFields(String(pid))
    if (!fields) return undefined
    const words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 3)
    // "node index.js -n" says enough; full paths would only widen the report.
    const command = words.map((word, i) => (i < 2 ? basename(word) : word)).join(' ')
    return {
      pid,
      ppid: Number(fields[1]),
      command,
      peakKb: Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      cpus: /^Cpus_allowed_list:\s+(\S+)/m.exec(status)?.[1] ?? '?'
    }
  } catch {
    // It exited between listing and reading.
    return undefined
  }
}

/**
 * The fields of /proc/<pid>/stat from the state on (field 3 is index 0), split after the command
 * name, which is in parentheses and may hold spaces.
 * @param {string} pid
 */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

function readClockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
}
