import type { CancelRunReply, StampedeApi } from '../../src/shared/ipc'
import type { RunOutcome } from '../../src/shared/run-snapshot'

/**
 * What the Chromium tests put in place of Electron's IPC, as seen from both sides: the page calls
 * main through a Playwright binding and main's events arrive through a dispatcher in the page.
 */
export const INVOKE_BINDING = '__stampedeInvoke'
export const PAGE_BRIDGE = '__stampedeBridge'

/** What the page received and when (performance.now() in the page), for tests to read back. */
export interface PageRecord {
  /** `sentAt` is when main emitted the snapshot, on the page's clock: `at - sentAt` is the bridge's delay. */
  progress: Array<{ at: number; sentAt: number; runId: number; done: number; total: number }>
  done: Array<{
    at: number
    runId: number
    done: number
    total: number
    outcome: RunOutcome
    elapsedMs: number
    requestsPerSecond: number
  }>
  /** Each cancelRun the page made: when it was called and when its promise resolved. */
  cancels: Array<{ calledAt: number; settledAt?: number; reply?: CancelRunReply }>
}

export interface PageBridge {
  /** Hands one event to the page's listeners; called by the test, in order. `sentAt` is epoch ms. */
  dispatch(channel: string, payload: unknown, sentAt: number): void
  readonly record: PageRecord
}

/** The page's globals the bridge uses; tests are compiled without DOM types, so they are named here. */
export interface BridgedPage {
  api: StampedeApi
  [INVOKE_BINDING]: (channel: string, ...args: unknown[]) => Promise<unknown>
  [PAGE_BRIDGE]: PageBridge
}
