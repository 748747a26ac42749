import type { Page } from '@playwright/test'
import { resolve } from 'node:path'
import { REQUEST_NAMES, eventChannel, requestChannel, type EventName, type Events, type RequestName } from '../../src/shared/ipc'
import type { AppBackend } from '../../src/main/app-backend'
import { INVOKE_BINDING, PAGE_BRIDGE, type BridgedPage, type PageRecord } from './page-bridge'

const PAGE_ENTRY = resolve(__dirname, 'page-bridge.entry.ts')

/** Bundles the page side of the bridge into one script for addInitScript (once per worker). */
export async function bundlePageBridge(): Promise<string> {
  const { build } = await import('vite')
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: PAGE_ENTRY, formats: ['iife'], name: 'stampedePageBridge', fileName: 'page-bridge' }
    }
  })
  const [bundle] = Array.isArray(output) ? output : [output]
  if (!('output' in bundle)) throw new Error('Expected a bundle, got a watcher.')
  const chunk = bundle.output.find((file) => file.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('The page bridge bundle has no code.')
  return chunk.code
}

/** The test's side of the bridge: what the page asked for, and what it received. */
export interface ApiBridge {
  /** Requests the page made, by name, counted before main's handlers saw them. */
  readonly invocations: Readonly<Record<RequestName, number>>
  /** The page's own record of the events it received and its cancel timings. */
  pageRecord(): Promise<PageRecord>
  /** Stops forwarding events; throws if any event failed to reach the page before that. */
  close(): Promise<void>
}

/**
 * Stands in for Electron's IPC: requests go from the page to main's handlers through a binding,
 * main's events go to the page in the order main emitted them, each with the moment main sent it.
 */
export async function connectPage(page: Page, backend: AppBackend, pageBridgeScript: string): Promise<ApiBridge> {
  const invocations = Object.fromEntries(REQUEST_NAMES.map((name) => [name, 0])) as Record<RequestName, number>
  const handlers = backend.handlers as Record<RequestName, (...args: unknown[]) => Promise<unknown>>

  await page.exposeBinding(INVOKE_BINDING, (_source, channel: string, ...args: unknown[]) => {
    const name = REQUEST_NAMES.find((candidate) => requestChannel(candidate) === channel)
    if (!name) throw new Error(`No request is served on ${channel}.`)
    invocations[name]++
    return handlers[name](...args)
  })
  await page.addInitScript({ content: pageBridgeScript })

  // One evaluate at a time, in main's order. Events that come while one is on its way go together in
  // the next: an evaluate takes up to half a second on a busy machine, and one each let a backlog of
  // progress grow without end, holding a run's 'done' back by tens of seconds.
  let waiting: Array<{ channel: string; payload: unknown; sentAt: number }> = []
  let delivering = false
  let delivered: Promise<void> = Promise.resolve()
  let closed = false
  const failures: unknown[] = []
  const deliver = async (): Promise<void> => {
    while (waiting.length > 0) {
      const events = waiting
      waiting = []
      if (closed) continue
      try {
        await page.evaluate(
          ({ bridge, events }) => {
            for (const { channel, payload, sentAt } of events) {
              ;(globalThis as unknown as BridgedPage)[bridge as typeof PAGE_BRIDGE].dispatch(channel, payload, sentAt)
            }
          },
          { bridge: PAGE_BRIDGE, events }
        )
      } catch (error) {
        if (!closed) failures.push(error)
      }
    }
    delivering = false
  }
  const send = <K extends EventName>(name: K, payload: Events[K]): void => {
    waiting.push({ channel: eventChannel(name), payload, sentAt: Date.now() })
    if (delivering) return
    delivering = true
    delivered = deliver()
  }
  const stopProgress = backend.controller.onProgress((snapshot) => send('progress', snapshot))
  const stopDone = backend.controller.onDone((result) => send('done', result))

  return {
    invocations,
    pageRecord: () =>
      page.evaluate((bridge) => (globalThis as unknown as BridgedPage)[bridge as typeof PAGE_BRIDGE].record, PAGE_BRIDGE),
    async close() {
      stopProgress()
      stopDone()
      await delivered
      closed = true
      if (failures.length > 0) throw new Error(`An event did not reach the page: ${String(failures[0])}`)
    }
  }
}
