import fc from 'fast-check'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FromDemoTarget, FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { REQUEST_NAMES, requestChannel, type RequestName } from '../../src/shared/ipc'
import { MAX_RUNS_LIMITS } from '../../src/shared/run-history'
import { PLAN_LIMITS } from '../../src/shared/run-plan'
import { parseThresholdList } from '../../src/shared/thresholds'
import type { FileDestinations } from '../../src/main/file-destinations'
import { createAppBackend, type AppBackend } from '../../src/main/app-backend'
import { rendererLocation } from '../../src/main/renderer-location'
import { demoTargetSpawner, engineSpawner, type RecordingSpawner } from '../support/child-processes'
import { RunRecorder } from '../support/run-recorder'
import { startTargetServer, type TargetServer } from '../support/target-server'

// Every IPC request fuzzed with random and hostile payloads, through the real handlers over a real
// backend (engine processes forked as the app forks them), and through the real serveRequests with
// a faked ipcMain. Whatever arrives must be refused — an error or a refusal reply — with nothing
// sent: no engine or demo target spawned, no request at the counting target server, no change to
// Object.prototype. Then main must still work.

/** fast-check runs per property; the counts are reported by the test names. */
const RUNS = { startRun: 1000, saveLastPlan: 300, cancelRun: 300, startDemoTarget: 300, exports: 300, history: 300, senders: 1000, overIpc: 500 } as const

type Listener = (event: unknown, ...args: unknown[]) => unknown
const registered = new Map<string, Listener>()
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => registered.set(channel, listener),
    removeHandler: (channel: string) => registered.delete(channel)
  }
}))
const { serveRequests } = await import('../../src/main/ipc')

let engines: RecordingSpawner<ToEngine, FromEngine>
let demoTargets: RecordingSpawner<never, FromDemoTarget>
let backend: AppBackend
let target: TargetServer
let stopServing: () => void
let dataFolder: string
/** The one saved test (made before the fuzzing; undefined on a Node without node:sqlite): the only id a run may be filed under. */
let savedTestId: number | undefined
/** Main's dialog, disk and clipboard, faked: no fuzzed request may reach any of them. */
const exportsTouched: string[] = []
const destinations: FileDestinations = {
  chooseSavePath: async (name) => {
    exportsTouched.push(`dialog ${name}`)
    return undefined
  },
  writeFile: async (path) => {
    exportsTouched.push(`write ${path}`)
  },
  chooseOpenPath: async () => {
    exportsTouched.push('open dialog')
    return undefined
  },
  readFile: async (path) => {
    exportsTouched.push(`read ${path}`)
    return ''
  },
  writeClipboard: async () => {
    exportsTouched.push('clipboard')
  }
}
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

beforeAll(async () => {
  engines = engineSpawner()
  demoTargets = demoTargetSpawner()
  dataFolder = await mkdtemp(join(tmpdir(), 'stampede-fuzz-data-'))
  backend = createAppBackend({ engine: engines.spawn, demoTarget: demoTargets.spawn }, { dataFolder, destinations })
  target = await startTargetServer()
  stopServing = serveRequests(backend.handlers, rendererLocation({ isPackaged: true, devServerUrl: undefined }).isRendererUrl)
  const saved = await backend.handlers.saveTest({ name: 'Fuzzed', plan: basePlan(), thresholds: [] })
  savedTestId = saved.ok ? saved.test.id : undefined
})

afterAll(async () => {
  stopServing()
  await backend.dispose()
  await engines.killAll()
  await demoTargets.killAll()
  await target.close()
  await rm(dataFolder, { recursive: true, force: true })
})

/** Nothing reached a process or the target or the history, and no payload polluted a prototype. */
function expectNothingSent(): void {
  expect(exportsTouched).toEqual([])
  expect(backend.history.listRuns()).toEqual([])
  expect(backend.history.listTests().map((test) => test.id)).toEqual(savedTestId === undefined ? [] : [savedTestId])
  expect(backend.history.status().maxRuns).toBe(MAX_RUNS_LIMITS.default)
  expect(engines.spawned).toHaveLength(0)
  expect(demoTargets.spawned).toHaveLength(0)
  expect(target.received).toBe(0)
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

/** A refusal: a reply that says why, or a rejection with an Error. Never a started run. */
async function expectRefused(call: () => unknown): Promise<void> {
  let reply: unknown
  try {
    reply = await call()
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message.length).toBeGreaterThan(0)
    return
  }
  expect(reply).toMatchObject({ ok: false })
  const { errors, message } = reply as { errors?: Record<string, string>; message?: string }
  expect(Object.keys(errors ?? {}).length > 0 || (typeof message === 'string' && message.length > 0)).toBe(true)
}

// ---- Hostile values ----------------------------------------------------------------------------

const HUGE = 'A'.repeat(PLAN_LIMITS.bodyBytes + 1)
/** Anything but a string or a number: wrong for every field. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.bigInt(),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
  fc.object({ maxDepth: 1 }),
  fc.uint8Array({ maxLength: 8 })
)
/** Not a whole number from 1 to `max`, in every way a number can miss. */
const badCount = (max: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, Number.MAX_VALUE, Number.MIN_VALUE),
    fc.integer({ max: 0 }),
    fc.integer({ min: max + 1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
    fc.integer({ min: 1, max }).map(String),
    fc.string({ maxLength: 20 }),
    wrongType
  )
const NUMBER_FIELDS = {
  totalRequests: PLAN_LIMITS.totalRequests,
  durationMs: PLAN_LIMITS.durationMs,
  concurrency: PLAN_LIMITS.concurrency,
  pipelining: PLAN_LIMITS.pipelining,
  ratePerSecond: PLAN_LIMITS.ratePerSecond,
  timeoutMs: PLAN_LIMITS.timeoutMs,
  workers: PLAN_LIMITS.workers
} as const

const badUrl = fc.oneof(
  fc.constantFrom(
    '',
    '   ',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://127.0.0.1/',
    'ws://127.0.0.1/',
    'stampede://app/index.html',
    'localhost:8080',
    '127.0.0.1',
    'http://',
    'http://user:secret@127.0.0.1/',
    'http://[::1',
    '\u0000'
  ),
  fc.string().filter((text) => !/^\s*https?:\/\//i.test(text)),
  fc.integer({ min: PLAN_LIMITS.urlLength, max: 200_000 }).map((length) => `http://127.0.0.1/${'a'.repeat(length)}`),
  wrongType
)
const badMethod = fc.oneof(
  fc.constantFrom('', ' ', 'GET POST', 'GET\r\nX-Injected: 1', 'CONNECT', 'connect', 'GÉT', '(GET)', 'G/T', 'GET\0'),
  // A method is one short word: a megabyte of letters is abuse, not HTTP.
  fc.integer({ min: 1000, max: 1_000_000 }).map((length) => 'A'.repeat(length)),
  wrongType
)
const validHeader = fc.tuple(fc.constantFrom('X-A', 'Accept', 'X-Request-Id'), fc.string({ maxLength: 10 }).map((v) => v.replace(/[\r\n\0]/g, '')))
const badHeaders = fc.oneof(
  wrongType.filter((value) => !Array.isArray(value) || value.length > 0),
  fc.constantFrom(
    [['Bad Name', 'v']],
    [['X-Ok', 'a\r\nX-Injected: 1']],
    [['X-Ok', 'a\nb']],
    [['Content-Length', '5']],
    [['Transfer-Encoding', 'chunked']],
    [['Host\0', 'x']],
    [['', 'x']],
    [['X-Only-Name']],
    [['X-A', 'b', 'extra']],
    [[1, 2]],
    [['X-Big', 'a'.repeat(PLAN_LIMITS.headerLength + 1)]]
  ),
  fc.array(validHeader, { minLength: PLAN_LIMITS.headers + 1, maxLength: PLAN_LIMITS.headers + 50 }),
  fc.string({ maxLength: 20 })
)
const badBody = fc.oneof(fc.constant(HUGE), wrongType, fc.double())
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']
const extraKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS, 'followRedirects', 'engineEntry'),
  fc.string({ minLength: 1, maxLength: 30 }).filter((key) => !(key in { url: 1, method: 1, headers: 1, body: 1, ...NUMBER_FIELDS }))
)

/** A plan the target would accept, before one hostile change. */
const basePlan = (): Record<string, unknown> => ({ url: target.url, totalRequests: 5, concurrency: 1 })

/** Sets a key as an own property, even `__proto__` (as JSON.parse and structured clone do). */
function withOwn(plan: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(plan, key, { value, enumerable: true, configurable: true, writable: true })
  return plan
}

const hostilePlan: fc.Arbitrary<unknown> = fc.oneof(
  // Not a plan at all.
  fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }),
  // One field wrong.
  ...Object.entries(NUMBER_FIELDS).map(([field, max]) => badCount(max).map((value) => ({ ...basePlan(), [field]: value }))),
  badUrl.map((url) => ({ ...basePlan(), url })),
  badMethod.map((method) => ({ ...basePlan(), method })),
  badHeaders.map((headers) => ({ ...basePlan(), headers })),
  badBody.map((body) => ({ ...basePlan(), body })),
  fc.constant(null).map(() => ({ ...basePlan(), method: 'HEAD', body: 'x' })),
  // Something missing.
  fc.constantFrom('url', 'concurrency', 'totalRequests').map((field) => {
    const plan = basePlan()
    delete plan[field]
    return plan
  }),
  // Something extra, prototype keys included, holding anything (a pollution attempt included).
  fc.tuple(extraKey, fc.oneof(fc.anything({ maxDepth: 1 }), fc.constant({ polluted: true }))).map(([key, value]) =>
    withOwn(basePlan(), key, value)
  ),
  fc.constant(null).map(() => JSON.parse(`{"url":"${target.url}","totalRequests":5,"concurrency":1,"__proto__":{"polluted":true}}`))
)
const strayArguments = fc.array(fc.anything({ maxDepth: 1 }), { minLength: 1, maxLength: 4 })
/** startRun's arguments after the plan that make a good request: good thresholds, then no test or the saved one. */
const isGoodStartTail = (tail: unknown[]): boolean =>
  tail.length <= 2 && parseThresholdList(tail[0]).ok && (tail[1] === undefined || tail[1] === savedTestId)

/** Not the id of a test or a run: not a positive whole number, in every way a value can miss. */
const hostileId = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 1, 2 ** 64, '1', '1; DROP TABLE runs', [1]),
  fc.integer({ max: 0 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.integer({ min: 1 }).map(String),
  fc.string({ maxLength: 20 }),
  wrongType
)
/** A positive whole number no saved test has (only the one saved test exists). */
const absentTestId = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).filter((id) => id !== savedTestId)
const validTest = (): Record<string, unknown> => ({ name: 'A test', plan: basePlan(), thresholds: ['p99<1s'] })
const hostileTest: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, withBigInt: true, withNullPrototype: true, withTypedArray: true }),
  fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(121)), wrongType, fc.integer()).map((name) => ({ ...validTest(), name })),
  hostilePlan.map((plan) => ({ ...validTest(), plan })),
  fc.oneof(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 3 }), wrongType, fc.string())
    .filter((thresholds) => !parseThresholdList(thresholds ?? []).ok)
    .map((thresholds) => ({ ...validTest(), thresholds })),
  // An id that is not one, or one of a test that does not exist: neither creates nor replaces.
  fc.oneof(hostileId, absentTestId).map((id) => ({ ...validTest(), id })),
  fc.constant(null).map(() => JSON.parse('{"name":"x","plan":{"url":"http://127.0.0.1:1/","totalRequests":1,"concurrency":1},"__proto__":{"polluted":true},"id":-1}'))
)
const hostileMaxRuns = fc.oneof(badCount(MAX_RUNS_LIMITS.max), fc.integer({ min: MAX_RUNS_LIMITS.max + 1 }))

// ---- The handlers --------------------------------------------------------------------------------

type AnyHandler = (...args: unknown[]) => Promise<unknown>
const handler = (name: RequestName): AnyHandler => backend.handlers[name] as AnyHandler

describe('request handlers under fuzzing', () => {
  it(`startRun refuses ${RUNS.startRun} hostile plans and sends nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(hostilePlan, async (plan) => {
        await expectRefused(() => handler('startRun')(plan))
        expectNothingSent()
      }),
      { numRuns: RUNS.startRun }
    )
  }, 120_000)

  it(`saveLastPlan refuses ${RUNS.saveLastPlan} hostile plans and writes nothing`, async () => {
    await fc.assert(
      fc.asyncProperty(hostilePlan, async (plan) => {
        const reply = await handler('saveLastPlan')(plan).catch((error: unknown) => error)
        expect(reply instanceof Error || (reply as { saved: boolean }).saved === false).toBe(true)
        expectNothingSent()
      }),
      { numRuns: RUNS.saveLastPlan }
    )
    // The history's own files only: no plan was remembered.
    expect((await readdir(dataFolder)).filter((name) => !name.startsWith('history.sqlite'))).toEqual([])
    expect(await handler('loadLastPlan')()).toEqual({})
  }, 120_000)

  it(`startRun refuses a good plan with ${RUNS.cancelRun} kinds of hostile thresholds and stray arguments`, async () => {
    await fc.assert(
      // A good plan with a good list of thresholds (none, or empty), filed under no test or the saved one, is a good request.
      fc.asyncProperty(strayArguments.filter((extra) => !isGoodStartTail(extra)), async (extra) => {
        await expectRefused(() => handler('startRun')(basePlan(), ...extra))
        expectNothingSent()
      }),
      { numRuns: RUNS.cancelRun }
    )
  })

  it(`cancelRun refuses ${RUNS.cancelRun} argument lists, and nothing starts`, async () => {
    await fc.assert(
      fc.asyncProperty(strayArguments, async (args) => {
        await expectRefused(() => handler('cancelRun')(...args))
        expectNothingSent()
      }),
      { numRuns: RUNS.cancelRun }
    )
  })

  it(`startRun refuses ${RUNS.cancelRun} hostile threshold lists with a good plan`, async () => {
    const hostileThresholds = fc.oneof(
      fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 5 }).filter((list) => !parseThresholdList(list).ok),
      fc.array(fc.constant('p99<1s'), { minLength: 21, maxLength: 30 }),
      fc.constant(['p99<' + '9'.repeat(300) + 'ms']),
      wrongType.filter((value) => !Array.isArray(value) || !parseThresholdList(value).ok),
      fc.string()
    )
    await fc.assert(
      fc.asyncProperty(hostileThresholds, async (thresholds) => {
        await expectRefused(() => handler('startRun')(basePlan(), thresholds))
        expectNothingSent()
      }),
      { numRuns: RUNS.cancelRun }
    )
  })

  it(`exportReport refuses ${RUNS.exports} hostile formats and argument lists: no dialog, no file, no clipboard`, async () => {
    const hostileFormat = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('JSON', 'Html', 'exe', '../../x.json', 'json\0', 'csv ', 'pdf', '__proto__', 'constructor'),
      wrongType
    )
    await fc.assert(
      fc.asyncProperty(hostileFormat, strayArguments, async (format, extra) => {
        await expectRefused(() => handler('exportReport')(format))
        await expectRefused(() => handler('exportReport')('json', ...extra))
        // No run has ended in this back end: even a good format finds nothing to write.
        await expectRefused(() => handler('exportReport')('html'))
        await expectRefused(() => handler('copySummary')(...extra))
        await expectRefused(() => handler('lastReport')(...extra))
        expectNothingSent()
      }),
      { numRuns: RUNS.exports }
    )
  })

  it(`the history requests refuse ${RUNS.history} hostile ids, tests and run limits: nothing stored, no dialog`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, absentTestId, hostileTest, hostileMaxRuns, strayArguments, async (id, absent, test, count, extra) => {
        await expectRefused(() => handler('startRun')(basePlan(), [], id))
        await expectRefused(() => handler('startRun')(basePlan(), [], absent))
        await expectRefused(() => handler('saveTest')(test))
        await expectRefused(() => handler('saveTest')(validTest(), ...extra))
        for (const name of ['duplicateTest', 'deleteTest', 'deleteRun', 'getRun', 'listRuns'] as const) {
          await expectRefused(() => handler(name)(id))
        }
        await expectRefused(() => handler('duplicateTest')(absent))
        await expectRefused(() => handler('deleteTest')(absent))
        await expectRefused(() => handler('deleteRun')(absent))
        await expectRefused(() => handler('setBaseline')(id, null))
        await expectRefused(() => handler('setBaseline')(savedTestId ?? 1, id === null ? 0 : id))
        await expectRefused(() => handler('setBaseline')(savedTestId ?? 1, absent))
        await expectRefused(() => handler('exportReport')('json', id))
        await expectRefused(() => handler('copySummary')(id))
        await expectRefused(() => handler('setMaxRuns')(count))
        await expectRefused(() => handler('importRunFile')(...extra))
        await expectRefused(() => handler('historyStatus')(...extra))
        await expectRefused(() => handler('listTests')(...extra))
        expectNothingSent()
      }),
      { numRuns: RUNS.history }
    )
  }, 120_000)

  it(`startDemoTarget refuses ${RUNS.startDemoTarget} argument lists, and no demo target starts`, async () => {
    await fc.assert(
      fc.asyncProperty(strayArguments, async (args) => {
        await expectRefused(() => handler('startDemoTarget')(...args))
        expectNothingSent()
      }),
      { numRuns: RUNS.startDemoTarget }
    )
  })
})

// ---- Over IPC ------------------------------------------------------------------------------------

const invoke = (name: RequestName, frameUrl: string | null, ...args: unknown[]): unknown =>
  registered.get(requestChannel(name))!({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args)

const notOurPage = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string(),
  fc.domain().map((host) => `stampede://${host}/index.html`).filter((url) => !/^stampede:\/\/app\//i.test(url)),
  fc.domain().map((host) => `stampede://app.${host}/index.html`),
  fc.integer({ min: 1, max: 65535 }).map((port) => `stampede://app:${port}/index.html`),
  fc.constantFrom(
    'file:///C:/Program%20Files/Stampede/resources/app.asar/out/renderer/index.html',
    'file:///c:/program%20files/stampede/resources/app.asar/out/renderer/index.html',
    'http://localhost:5173/',
    'stampede://user@app/index.html',
    'stampede:app/index.html',
    'stampede:///app/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'chrome-error://chromewebdata/'
  )
)

describe('serveRequests under fuzzing', () => {
  it(`refuses ${RUNS.senders} frames that are not the app's page, on every channel, before any handler runs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(notOurPage, { nil: null }), hostilePlan, async (frameUrl, payload) => {
        for (const name of REQUEST_NAMES) {
          await expectRefused(() => invoke(name, frameUrl, payload))
          expect(() => invoke(name, frameUrl)).toThrow(/^Refused/)
        }
        expectNothingSent()
      }),
      { numRuns: RUNS.senders }
    )
  }, 120_000)

  it(`passes ${RUNS.overIpc} hostile payloads from the app's page to the handlers, which refuse them`, async () => {
    await fc.assert(
      fc.asyncProperty(hostilePlan, strayArguments, async (plan, args) => {
        await expectRefused(() => invoke('startRun', 'stampede://app/index.html', plan))
        await expectRefused(() => invoke('cancelRun', 'stampede://app/index.html', ...args))
        await expectRefused(() => invoke('startDemoTarget', 'STAMPEDE://APP/index.html', ...args))
        await expectRefused(() => invoke('exportReport', 'stampede://app/index.html', plan, ...args))
        await expectRefused(() => invoke('copySummary', 'stampede://app/index.html', ...args))
        expectNothingSent()
      }),
      { numRuns: RUNS.overIpc }
    )
  }, 120_000)
})

describe('after the fuzzing', () => {
  it('main still runs a valid plan from its page, and the server counts exactly it', async () => {
    const recorder = new RunRecorder(backend.controller)
    const reply = (await invoke('startRun', 'stampede://app/index.html', { url: target.url, totalRequests: 50, concurrency: 2 })) as {
      ok: boolean
      runId: number
    }
    expect(reply.ok).toBe(true)
    expect(await recorder.done(reply.runId)).toMatchObject({ outcome: 'finished', done: 50 })
    expect(target.received).toBe(50)
  })
})
