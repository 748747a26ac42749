import { beforeEach, describe, expect, it, vi } from 'vitest'
import { REQUEST_NAMES, eventChannel, requestChannel } from '../../src/shared/ipc'
import { emptySnapshot } from '../../src/shared/run-snapshot'
import type { RequestHandlers } from '../../src/main/handler-contract'

// The Electron boundary, faked: ipcMain records what main registers, and the test plays the renderer.
type Listener = (event: unknown, ...args: unknown[]) => unknown
const registered = new Map<string, Listener>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => {
      if (registered.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      registered.set(channel, listener)
    },
    removeHandler: (channel: string) => registered.delete(channel)
  }
}))

const { sendEvent, serveRequests } = await import('../../src/main/ipc')

const OUR_PAGE = 'stampede://app/index.html'
const fromFrame = (url: string | null) => ({ senderFrame: url === null ? null : { url } })

function fakeHandlers(): RequestHandlers {
  // Every request named, each answering at once: the tests below are about the transport, not the answers.
  const answering = Object.fromEntries(REQUEST_NAMES.map((name) => [name, vi.fn(async () => ({ ok: true as const }))]))
  return {
    ...(answering as unknown as RequestHandlers),
    startRun: vi.fn(async () => ({ ok: true as const, runId: 1 })),
    cancelRun: vi.fn(async () => ({ cancelled: false, done: 0 })),
    startDemoTarget: vi.fn(async () => ({ url: 'http://127.0.0.1:1/' })),
    loadLastPlan: vi.fn(async () => ({})),
    saveLastPlan: vi.fn(async () => ({ saved: true as const })),
    lastReport: vi.fn(async () => undefined),
    exportReport: vi.fn(async () => ({ ok: true as const })),
    copySummary: vi.fn(async () => ({ ok: true as const }))
  }
}

describe('serveRequests', () => {
  let handlers: RequestHandlers
  let stopServing: () => void

  beforeEach(() => {
    stopServing?.()
    handlers = fakeHandlers()
    stopServing = serveRequests(handlers, (url) => url === OUR_PAGE)
  })

  it('registers every request of the contract on its channel, and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort())
  })

  it('passes the payload from our renderer to the handler and returns its reply', async () => {
    const plan = { url: 'http://127.0.0.1/', totalRequests: 1, concurrency: 1 }
    const reply = await registered.get(requestChannel('startRun'))?.(fromFrame(OUR_PAGE), plan)
    expect(reply).toEqual({ ok: true, runId: 1 })
    expect(handlers.startRun).toHaveBeenCalledWith(plan)
    await registered.get(requestChannel('cancelRun'))?.(fromFrame(OUR_PAGE))
    expect(handlers.cancelRun).toHaveBeenCalledWith()
  })

  it('passes stray arguments through, for the handlers to refuse', async () => {
    await registered.get(requestChannel('cancelRun'))?.(fromFrame(OUR_PAGE), 'extra')
    expect(handlers.cancelRun).toHaveBeenCalledWith('extra')
  })

  it.each([
    ['another page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil.html'],
    ['a frame that is gone', null]
  ])('refuses %s and never calls the handler', (_label, url) => {
    for (const name of REQUEST_NAMES) {
      expect(() => registered.get(requestChannel(name))?.(fromFrame(url), {})).toThrow(/Refused/)
    }
    expect(handlers.startRun).not.toHaveBeenCalled()
    expect(handlers.cancelRun).not.toHaveBeenCalled()
    expect(handlers.startDemoTarget).not.toHaveBeenCalled()
  })

  it('stops serving when asked', () => {
    stopServing()
    expect(registered.size).toBe(0)
    stopServing = serveRequests(handlers, () => true)
  })
})

describe('sendEvent', () => {
  it('sends on the event channel of the contract', () => {
    const contents = { isDestroyed: () => false, send: vi.fn() }
    const snapshot = emptySnapshot(3, 10)
    sendEvent(contents, 'progress', snapshot)
    expect(contents.send).toHaveBeenCalledWith(eventChannel('progress'), snapshot)
  })

  it('skips a destroyed window', () => {
    const contents = { isDestroyed: () => true, send: vi.fn(() => {
      throw new Error('Object has been destroyed')
    }) }
    sendEvent(contents, 'done', { ...emptySnapshot(3, 10), outcome: 'finished' })
    expect(contents.send).not.toHaveBeenCalled()
  })
})
