import { buildApi, eventChannel, type StampedeApi, type Subscribe } from '../../src/shared/ipc'
import type { RunResult, RunSnapshot } from '../../src/shared/run-snapshot'
import { INVOKE_BINDING, PAGE_BRIDGE, type BridgedPage, type PageRecord } from './page-bridge'

// Runs in the page before the app's own scripts (bundled by api-bridge.ts, added as an init script).
// It builds window.api with the preload's own buildApi, so the page sees exactly the app's shape.

const page = globalThis as unknown as BridgedPage
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const record: PageRecord = { progress: [], done: [], cancels: [] }

const subscribe: Subscribe = (channel, listener) => {
  const forChannel = listeners.get(channel) ?? new Set()
  listeners.set(channel, forChannel)
  forChannel.add(listener)
  return () => {
    forChannel.delete(listener)
  }
}

const api = buildApi((channel, ...args) => page[INVOKE_BINDING](channel, ...args), subscribe)

// Timed in the page, so a benchmark sees what the user waits for, bridge and all.
const cancelRun = api.cancelRun
const timedApi: StampedeApi = {
  ...api,
  cancelRun: async () => {
    const entry: PageRecord['cancels'][number] = { calledAt: performance.now() }
    record.cancels.push(entry)
    const reply = await cancelRun()
    entry.settledAt = performance.now()
    entry.reply = reply
    return reply
  }
}

function dispatch(channel: string, payload: unknown, sentAt: number): void {
  const at = performance.now()
  if (channel === eventChannel('progress')) {
    const { runId, done, total } = payload as RunSnapshot
    record.progress.push({ at, sentAt: sentAt - performance.timeOrigin, runId, done, total })
  } else if (channel === eventChannel('done')) {
    const { runId, done, total, outcome, elapsedMs, requestsPerSecond } = payload as RunResult
    record.done.push({ at, runId, done, total, outcome, elapsedMs, requestsPerSecond })
  }
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

// Read-only, like a contextBridge object.
Object.defineProperty(page, 'api', { value: Object.freeze(timedApi), enumerable: true })
Object.defineProperty(page, PAGE_BRIDGE, { value: Object.freeze({ dispatch, record }) })
