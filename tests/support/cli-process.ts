import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The built CLI (out/cli/index.js) run as a user runs it: a Node child process with its own stdout,
 * stderr and exit status. Only for tests.
 */

/** Long enough for any bounded test load, short enough to fail with a message before vitest's 30 s. */
const DEFAULT_WAIT_LIMIT_MS = 25_000

export function builtCli(): string {
  const path = fileURLToPath(new URL('../../out/cli/index.js', import.meta.url))
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npx electron-vite build && npx vite build -c cli.vite.config.ts\` first.`)
  }
  return path
}

export interface CliExit {
  /** null when a signal ended it. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** From the spawn to the exit, as the user would wait. */
  wallMs: number
}

const running = new Set<CliProcess>()

/** For afterEach: kills every CLI a test started and still running, so none outlives its test. */
export async function stopAllClis(): Promise<void> {
  await Promise.all([...running].map((cli) => cli.kill('SIGKILL')))
}

export class CliProcess {
  stdout = ''
  stderr = ''
  readonly exited: Promise<CliExit>
  private readonly child: ChildProcess

  constructor(args: string[]) {
    const startedAt = performance.now()
    // stdin ignored and stdout/stderr pipes: not a terminal, as in a script or CI.
    this.child = spawn(process.execPath, [builtCli(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(this)
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => this.append('stdout', text))
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => this.append('stderr', text))
    // 'close', not 'exit': every byte of both pipes has been read by then.
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject)
      this.child.once('close', (code, signal) => {
        running.delete(this)
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr, wallMs: performance.now() - startedAt })
      })
    })
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('The CLI did not start.')
    return this.child.pid
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal)
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal)
    await this.exited.catch(() => undefined)
  }

  /** Resolves with the exit, or rejects (killing the CLI) if it runs past the limit. */
  finish(waitLimitMs = DEFAULT_WAIT_LIMIT_MS): Promise<CliExit> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void this.kill()
        reject(new Error(`The CLI did not exit within ${waitLimitMs} ms. stderr: ${this.stderr}`))
      }, waitLimitMs)
      this.exited.then(
        (exit) => {
          clearTimeout(timer)
          resolve(exit)
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(error)
        }
      )
    })
  }

  private append(stream: 'stdout' | 'stderr', text: string): void {
    this[stream] += text
  }
}

/** Runs the CLI to its exit. */
export function runCli(args: string[], waitLimitMs?: number): Promise<CliExit> {
  return new CliProcess(args).finish(waitLimitMs)
}

/** Parses all of stdout as one JSON value: anything else on stdout makes it throw. */
export function parseJsonOutput<T = Record<string, unknown>>(exit: CliExit): T {
  try {
    return JSON.parse(exit.stdout) as T
  } catch {
    throw new Error(`stdout is not one JSON value (exit ${exit.code}):\n${exit.stdout}\nstderr:\n${exit.stderr}`)
  }
}

/**
 * The live children of a process, with their command lines (Linux /proc; [] elsewhere): how a test
 * sees how many engine processes the CLI forked.
 */
export function childProcessesOf(parentPid: number): Array<{ pid: number; commandLine: string }> {
  if (!existsSync('/proc/self/stat')) return []
  const children: Array<{ pid: number; commandLine: string }> = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // The command name in field 2 may hold spaces and parentheses: read past its last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const [, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(parent) !== parentPid) continue
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim()
      children.push({ pid: Number(entry), commandLine })
    } catch {
      // It ended while being read.
    }
  }
  return children
}

/**
 * True while the process runs. A zombie (exited, not yet reaped) counts as ended: it holds no CPU,
 * memory or sockets, and a process whose parent died waits for init to reap it, which takes a while
 * on some systems. Linux /proc; a pid with no entry has ended.
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z'
  } catch {
    return false
  }
}
