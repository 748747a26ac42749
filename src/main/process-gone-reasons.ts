import type { Details } from 'electron'

/** The part of Electron's app this module listens to. */
export interface ChildProcessGoneSource {
  on(event: 'child-process-gone', listener: (event: unknown, details: GoneDetails) => void): unknown
}
export type GoneDetails = Pick<Details, 'type' | 'reason' | 'exitCode' | 'name'>

/** How long an exit waits for its reason, and a reason for its exit: the two come apart, not far apart. */
export const GONE_REASON_GRACE_MS = 1000

interface Unclaimed {
  details: GoneDetails
  timer: ReturnType<typeof setTimeout>
}
interface Waiting {
  name: string
  code: number
  resolve: (reason: string | undefined) => void
  timer: ReturnType<typeof setTimeout>
}
interface Launching {
  name: string
  onFailed: () => void
}

/**
 * Why a utility process ended, from app's 'child-process-gone' (killed, oom, crashed, ...), which
 * the utility process's own 'exit' does not say. The two events come separately and in either order:
 * Electron emits 'exit' from Chromium's service-process observer (or at once when the child calls
 * process.exit), 'child-process-gone' from its browser-child-process observer, and Chromium decides
 * which runs first. The details carry no pid, so an event is matched by service name and exit code
 * (exitCodesMatch: the details give waitpid's raw status on macOS and Linux, and Windows' code signed).
 * An exit waits at most GONE_REASON_GRACE_MS for its reason (a clean exit has none), and an event no
 * exit claims is dropped after as long.
 */
export class ProcessGoneReasons {
  private readonly unclaimed: Unclaimed[] = []
  private readonly waiting: Waiting[] = []
  private readonly launching: Launching[] = []

  constructor(
    app: ChildProcessGoneSource,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly graceMs = GONE_REASON_GRACE_MS
  ) {
    app.on('child-process-gone', (_event, details) => this.gone(details))
  }

  /** The reason for the exit of the utility process `name` with `code`, or undefined when none comes. */
  reasonForExit(name: string, code: number): Promise<string | undefined> {
    const index = this.unclaimed.findIndex(({ details }) => this.matches(details, name, code))
    if (index >= 0) {
      const [{ details, timer }] = this.unclaimed.splice(index, 1)
      clearTimeout(timer)
      return Promise.resolve(details.reason)
    }
    return new Promise((resolve) => {
      const entry: Waiting = {
        name,
        code,
        resolve,
        timer: setTimeout(() => {
          remove(this.waiting, entry)
          resolve(undefined)
        }, this.graceMs)
      }
      this.waiting.push(entry)
    })
  }

  /**
   * Calls `onFailed` if a utility process named `name` fails to launch (it then never spawns nor
   * exits). Returns the way to stop watching, once it has spawned or ended.
   */
  watchLaunch(name: string, onFailed: () => void): () => void {
    const entry: Launching = { name, onFailed }
    this.launching.push(entry)
    return () => remove(this.launching, entry)
  }

  private gone(details: GoneDetails): void {
    if (details.type !== 'Utility' || details.name === undefined) return
    if (details.reason === 'launch-failed') {
      // Launches of one name look alike: the oldest still launching is the one that failed.
      const launch = this.launching.find(({ name }) => name === details.name)
      if (launch) {
        remove(this.launching, launch)
        launch.onFailed()
      }
      return
    }
    const waiter = this.waiting.find(({ name, code }) => this.matches(details, name, code))
    if (waiter) {
      remove(this.waiting, waiter)
      clearTimeout(waiter.timer)
      waiter.resolve(details.reason)
      return
    }
    const entry: Unclaimed = { details, timer: setTimeout(() => remove(this.unclaimed, entry), this.graceMs) }
    this.unclaimed.push(entry)
  }

  private matches(details: GoneDetails, name: string, code: number): boolean {
    return details.name === name && exitCodesMatch(details.exitCode, code, this.platform)
  }
}

/**
 * Whether child-process-gone's exitCode and the utility process's 'exit' code tell of one exit.
 * Windows: GetExitCodeProcess's code, signed in the details and unsigned in 'exit' (0xC0000005).
 * macOS and Linux: the details hold waitpid's raw status (256 for process.exit(1), the signal's
 * number for a signal), while 'exit' has process.exit's own code when the child called it; decoded
 * as WEXITSTATUS / WTERMSIG do, or equal as it is (a crash gives the raw status to both).
 */
export function exitCodesMatch(goneExitCode: number, exitCode: number, platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return goneExitCode >>> 0 === exitCode >>> 0
  return goneExitCode === exitCode || decodedWaitStatus(goneExitCode) === exitCode
}

/** A POSIX wait status as the code it carries: the exit status when the child exited, else the signal. */
function decodedWaitStatus(status: number): number {
  const signal = status & 0x7f
  return signal === 0 ? (status >> 8) & 0xff : signal
}

function remove<T>(list: T[], item: T): void {
  const index = list.indexOf(item)
  if (index >= 0) list.splice(index, 1)
}
