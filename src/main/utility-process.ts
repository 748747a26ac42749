import type { ForkOptions, UtilityProcess } from 'electron'
import type { ProcessChannel, ProcessExit } from '../control/process-channel'
import type { ProcessGoneReasons } from './process-gone-reasons'

/** The part of Electron's UtilityProcess the adapter uses (a fake under Node tests). */
export type UtilityChild = Pick<UtilityProcess, 'pid' | 'postMessage' | 'kill' | 'on' | 'once'>
export type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityChild

export interface UtilityProcessDeps {
  /** Electron's utilityProcess.fork. */
  fork: ForkUtility
  goneReasons: Pick<ProcessGoneReasons, 'reasonForExit' | 'watchLaunch'>
  /**
   * How long a process asked to stop before it spawned may take to spawn before it is given up as
   * never launched (so stopping it cannot wait forever). It is still killed if it spawns later.
   */
  launchDeadlineMs?: number
}

export const LAUNCH_DEADLINE_MS = 30_000

/**
 * Forks a built entry as an Electron utility process: its own Node event loop, off the UI's.
 *
 * | state     | kill()                                  | 'spawn'              | 'exit' / launch failure |
 * |-----------|-----------------------------------------|----------------------|-------------------------|
 * | launching | remembered (Electron's kill() does nothing until there is a pid); the launch deadline starts | running; killed now if asked | ended |
 * | running   | child.kill()                            | -                    | ended                   |
 * | ended     | nothing                                 | killed (a launch given up on that came after all) | ignored |
 *
 * An exit nobody asked for is reported with its reason from app's 'child-process-gone'.
 */
export function spawnUtilityProcess<In, Out>(
  { fork, goneReasons, launchDeadlineMs = LAUNCH_DEADLINE_MS }: UtilityProcessDeps,
  entryPath: string,
  serviceName: string
): ProcessChannel<In, Out> {
  const child = fork(entryPath, [], { serviceName, stdio: 'inherit' })
  const exitListeners: Array<(exit: ProcessExit) => void> = []
  let spawned = false
  let killAsked = false
  let ended = false
  let launchDeadline: ReturnType<typeof setTimeout> | undefined

  const end = (exit: ProcessExit): void => {
    if (ended) return
    ended = true
    stopWatchingLaunch()
    clearTimeout(launchDeadline)
    for (const listener of exitListeners) listener(exit)
  }
  const stopWatchingLaunch = goneReasons.watchLaunch(serviceName, () => end({ code: null, reason: 'launch-failed' }))

  child.on('spawn', () => {
    spawned = true
    stopWatchingLaunch()
    clearTimeout(launchDeadline)
    if (killAsked) child.kill()
  })
  // A V8 fatal error: unheard, Electron's emit would throw in main and show its error dialog. The
  // 'exit' that always follows reports the process as gone.
  child.on('error', (type, location, report) => {
    console.error(`${serviceName}: ${type} at ${location}`, report)
  })
  child.once('exit', (code: number) => {
    if (ended) return
    // Stopped by us, or a clean end: there is nothing to explain.
    if (killAsked || code === 0) {
      end({ code })
      return
    }
    void goneReasons.reasonForExit(serviceName, code).then((reason) => end({ code, reason }))
  })

  return {
    get pid() {
      return child.pid
    },
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message) => listener(message as Out)),
    onExit: (listener) => {
      exitListeners.push(listener)
    },
    kill: () => {
      if (ended || killAsked) return
      killAsked = true
      if (spawned) {
        child.kill()
        return
      }
      launchDeadline = setTimeout(() => end({ code: null, reason: 'launch-failed' }), launchDeadlineMs)
    }
  }
}
