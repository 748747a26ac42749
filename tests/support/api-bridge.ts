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
 * main's events go to the page one after another, in the order main emitted them.
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

  let delivered: Promise<void> = Promise.resolve()
  let closed = false
  const failures: unknown[] = []
  const send = <K extends EventName>(name: K, payload: Events[K]): void => {
    const sentAt = Date.now()
    // Chained, so the page sees events in main's order whatever each evaluate's latency.
    delivered = delivered.then(async () => {
      if (closed) return
      try {
        await page.evaluate(
          ({ bridge, channel, payload, sentAt }) => {
            ;(globalThis as unknown as BridgedPage)[bridge as typeof PAGE_BRIDGE].dispatch(channel, payload, sentAt)
          },
          { bridge: PAGE_BRIDGE, channel: eventChannel(name), payload, sentAt }
        )
      } catch (error) {
        if (!closed) failures.push(error)
      }
    })
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
