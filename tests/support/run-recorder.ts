import type { RunResult, RunSnapshot } from '../../src/shared/run-snapshot'
import type { RunController } from '../../src/control/run-controller'

export type RunEvent =
  | { kind: 'progress'; value: RunSnapshot; at: number }
  | { kind: 'done'; value: RunResult; at: number }

/** Records what the controller hands the renderer, in order, with the time each arrived. */
export class RunRecorder {
  readonly events: RunEvent[] = []
  private doneWaiters: Array<{ runId: number; resolve: (result: RunResult) => void }> = []
  private progressWaiters: Array<{ test: (snapshot: RunSnapshot) => boolean; resolve: () => void }> = []

  constructor(controller: RunController) {
    controller.onProgress((value) => {
      this.events.push({ kind: 'progress', value, at: performance.now() })
      const satisfied = this.progressWaiters.filter((waiter) => waiter.test(value))
      this.progressWaiters = this.progressWaiters.filter((waiter) => !satisfied.includes(waiter))
      for (const waiter of satisfied) waiter.resolve()
    })
    controller.onDone((value) => {
      this.events.push({ kind: 'done', value, at: performance.now() })
      const satisfied = this.doneWaiters.filter((waiter) => waiter.runId === value.runId)
      this.doneWaiters = this.doneWaiters.filter((waiter) => !satisfied.includes(waiter))
      for (const waiter of satisfied) waiter.resolve(value)
    })
  }

  forRun(runId: number): RunEvent[] {
    return this.events.filter((event) => event.value.runId === runId)
  }

  done(runId: number): Promise<RunResult> {
    const found = this.events.find((event) => event.kind === 'done' && event.value.runId === runId)
    if (found) return Promise.resolve(found.value as RunResult)
    return new Promise((resolve) => this.doneWaiters.push({ runId, resolve }))
  }

  /** Resolves once a delivered snapshot passes the test. */
  progress(test: (snapshot: RunSnapshot) => boolean): Promise<void> {
    if (this.events.some((event) => event.kind === 'progress' && test(event.value))) return Promise.resolve()
    return new Promise((resolve) => this.progressWaiters.push({ test, resolve }))
  }
}
