import { EventEmitter } from 'node:events'
import type { GoneDetails } from '../../src/main/process-gone-reasons'
import type { UtilityChild } from '../../src/main/utility-process'

/**
 * The few Electron objects main's modules are handed, played by plain Node objects that behave as
 * Electron 45's do (lib/browser/api/utility-process.ts): kill() does nothing until the process has
 * a pid, and the pid is gone again once it has exited.
 */
export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = []
  killCalls = 0
  private currentPid: number | undefined

  constructor(
    readonly modulePath: string,
    readonly options: { serviceName?: string }
  ) {
    super()
  }

  get pid(): number | undefined {
    return this.currentPid
  }

  postMessage(message: unknown): void {
    this.posted.push(message)
  }

  /** Electron returns false, and does nothing, while there is no pid. */
  kill(): boolean {
    this.killCalls++
    return this.currentPid !== undefined
  }

  /** The launch finished: what Electron's OnServiceProcessLaunch does. */
  spawn(pid: number): void {
    this.currentPid = pid
    this.emit('spawn')
  }

  exit(code: number): void {
    this.currentPid = undefined
    this.emit('exit', code)
  }

  asChild(): UtilityChild {
    return this as unknown as UtilityChild
  }
}

/** utilityProcess.fork, recording each process it "forks". */
export function fakeFork(): { fork: (path: string, args: string[], options: { serviceName?: string }) => UtilityChild; forked: FakeUtilityProcess[] } {
  const forked: FakeUtilityProcess[] = []
  return {
    forked,
    fork: (path, _args, options) => {
      const child = new FakeUtilityProcess(path, options)
      forked.push(child)
      return child.asChild()
    }
  }
}

/** Electron's app as far as 'child-process-gone' goes (./fake-electron-main.ts fakes the rest). */
export class FakeGoneEvents extends EventEmitter {
  processGone(details: GoneDetails): void {
    this.emit('child-process-gone', {}, details)
  }
}
