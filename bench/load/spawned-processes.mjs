import { spawn } from 'node:child_process'

/**
 * Every process the bench starts, so that none outlives it. Each child is started in a process group
 * of its own (detached), so one signal to the group also reaches what it forked (Stampede's engine
 * children, nginx). Groups are only ever signalled by the id of a child this module started.
 */

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set()

/**
 * @typedef {object} Finished
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {boolean} timedOut
 * @property {number} wallMs
 */

/**
 * Starts a long-lived process (a target). The caller stops it with stopGroup.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true })
  track(child)
  return child
}

/**
 * Runs a command to its end, collecting its output; kills its whole group if it outlives timeoutMs.
 * @param {string} command
 * @param {string[]} args
 * @param {{ timeoutMs: number, cwd?: string, onSpawn?: (child: import('node:child_process').ChildProcess) => void }} options
 * @returns {Promise<Finished>}
 */
export function runToEnd(command, args, { timeoutMs, cwd, onSpawn }) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    track(child)
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
    child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      timedOut = true
      signalGroup(child, 'SIGKILL')
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, timedOut, wallMs: performance.now() - started })
    })
    if (child.pid !== undefined) onSpawn?.(child)
  })
}

/**
 * Asks a group to end (SIGTERM), then kills it if it has not within graceMs.
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} [graceMs]
 */
export async function stopGroup(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return signalGroup(child, 'SIGKILL')
  const exited = new Promise((resolve) => child.once('exit', resolve))
  signalGroup(child, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** Synchronous, for exit paths (Ctrl-C, an uncaught error): kills every group still alive. */
export function killAllGroups() {
  for (const child of live) signalGroup(child, 'SIGKILL')
}

/** @param {import('node:child_process').ChildProcess} child */
function track(child) {
  live.add(child)
  child.once('close', () => {
    // The leader is gone; anything it left behind in its group (an orphaned engine child) goes too.
    signalGroup(child, 'SIGKILL')
    live.delete(child)
  })
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}
