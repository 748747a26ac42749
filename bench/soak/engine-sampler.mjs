import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { descendantsOf } from '../load/process-tree.mjs'

/**
 * Reads the engine process the CLI forked, every few seconds, from Linux's /proc: resident memory
 * (VmRSS) and open descriptors, sockets among them. The engine is the CLI's descendant running
 * out/main/engine.js; until it exists (and after it ends) a tick records nothing.
 */

/**
 * @typedef {object} Sample
 * @property {number} seconds  since the sampler started
 * @property {number} rssMb
 * @property {number} descriptors
 * @property {number} sockets
 */

export class EngineSampler {
  /**
   * @param {number} cliPid
   * @param {number} intervalMs
   */
  constructor(cliPid, intervalMs) {
    this.cliPid = cliPid
    this.startedAt = performance.now()
    /** @type {Sample[]} */
    this.samples = []
    /** @type {number | undefined} */
    this.enginePid = undefined
    this.timer = setInterval(() => this.sample(), intervalMs)
  }

  sample() {
    this.enginePid ??= descendantsOf(this.cliPid).find((pid) => commandLineOf(pid).includes('engine.js'))
    if (this.enginePid === undefined) return
    const reading = readEngine(this.enginePid)
    if (reading) this.samples.push({ seconds: (performance.now() - this.startedAt) / 1000, ...reading })
  }

  /** Stops sampling and returns the series. */
  stop() {
    clearInterval(this.timer)
    return this.samples
  }
}

/** @param {number} pid */
function commandLineOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
  } catch {
    return ''
  }
}

/**
 * @param {number} pid
 * @returns {{ rssMb: number, descriptors: number, sockets: number } | undefined}
 */
function readEngine(pid) {
  try {
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
    let descriptors = 0
    let sockets = 0
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      descriptors++
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++
      } catch {
        // Closed while being read.
      }
    }
    return { rssMb: rssKb / 1024, descriptors, sockets }
  } catch {
    // The engine has exited.
    return undefined
  }
}
