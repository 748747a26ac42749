import { describe, expect, it } from 'vitest'
import { LastRun } from '../../src/control/last-run'
import type { RunController } from '../../src/control/run-controller'
import type { FileDestinations } from '../../src/main/file-destinations'
import { createReportExport, reportFileName, type StoredRuns } from '../../src/main/report-export'
import { buildRunReport } from '../../src/shared/report/run-report'
import type { StoredRun } from '../../src/shared/run-history'
import type { RunPlan } from '../../src/shared/run-plan'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseThresholdList } from '../../src/shared/thresholds'
import { planOf } from '../support/plans'
import { result } from '../support/factories'

const PLAN: RunPlan = planOf({ url: 'http://127.0.0.1:8080/health', totalRequests: 10, concurrency: 2 })

/** The controller as LastRun sees it: something that announces a run's end. */
function fakeController() {
  let listener: ((result: RunResult) => void) | undefined
  const controller = {
    onDone: (next: (result: RunResult) => void) => {
      listener = next
      return () => {}
    }
  } as unknown as RunController
  return { controller, end: (done: RunResult) => listener?.(done) }
}

/** A dialog that answers `choice`, a disk and a clipboard that remember what they were given. */
function fakeDestinations(choice: (defaultName: string) => string | undefined, clipboardWrite: () => Promise<void> = async () => {}) {
  const asked: string[] = []
  const written = new Map<string, string>()
  const clipboard: string[] = []
  const destinations: FileDestinations = {
    chooseSavePath: async (defaultName) => {
      asked.push(defaultName)
      return choice(defaultName)
    },
    writeFile: async (path, text) => {
      written.set(path, text)
    },
    chooseOpenPath: async () => undefined,
    readFile: async () => '',
    writeClipboard: async (text) => {
      await clipboardWrite()
      clipboard.push(text)
    }
  }
  return { destinations, asked, written, clipboard }
}

const STARTED = new Date(2026, 10, 29, 3, 50, 12)

/** One stored run (id 41) of another target, started on another day; no other id is stored. */
const STORED_STARTED = new Date(2026, 9, 2, 14, 5, 0)
const STORED: StoredRun = (() => {
  const plan = planOf({ url: 'https://stored.example.com/api', totalRequests: 4, concurrency: 1 })
  const report = buildRunReport({ plan, result: result({ runId: 1, total: 4, statusCodes: { '503': 4 } }), workers: 1, startedAt: STORED_STARTED.toISOString() })
  return {
    id: 41, testId: null, testName: null, startedAt: STORED_STARTED.toISOString(), outcome: 'finished', url: plan.url, method: 'GET',
    rps: report.rps, p99Ms: report.latencyMs.p99, errorRate: report.errorRate, thresholdsPassed: null, source: 'app', isBaseline: false,
    report, plan, thresholds: []
  }
})()
const storedRuns: StoredRuns = { getRun: (id) => (id === STORED.id ? STORED : undefined) }

function finishedRun(
  choice: (defaultName: string) => string | undefined = (name) => `/chosen/${name}`,
  clipboardWrite?: () => Promise<void>
) {
  const { controller, end } = fakeController()
  const lastRun = new LastRun(controller, 4)
  const fakes = fakeDestinations(choice, clipboardWrite)
  const handlers = createReportExport(lastRun, storedRuns, fakes.destinations)
  const thresholds = parseThresholdList(['max<1ms'])
  if (!thresholds.ok) throw new Error(thresholds.message)
  lastRun.start(7, PLAN, thresholds.thresholds, STARTED)
  end(result({ runId: 7, total: 10, statusCodes: { '200': 10 }, elapsedMs: 500, latencyMs: { min: 1, mean: 2, p50: 2, p90: 3, p99: 4, p999: 4, p9999: 4, max: 20 } }))
  return { handlers, ...fakes }
}

describe('exportReport', () => {
  it('writes the chosen format only to the path the dialog returned, named after the host and the local time', async () => {
    const { handlers, asked, written } = finishedRun()
    expect(await handlers.exportReport('json')).toEqual({ ok: true, saved: '/chosen/stampede-127.0.0.1-2026-11-29T03-50.json' })
    expect(asked).toEqual(['stampede-127.0.0.1-2026-11-29T03-50.json'])
    expect([...written.keys()]).toEqual(['/chosen/stampede-127.0.0.1-2026-11-29T03-50.json'])
    const report = JSON.parse(written.values().next().value as string)
    expect(report.requests.sent).toBe(10)
    expect(report.settings.workers).toBe(2)
    expect(report.thresholds).toEqual([{ expression: 'max<1ms', metric: 'max', passed: false, actual: 20 }])
    expect(report.startedAt).toBe(STARTED.toISOString())

    await handlers.exportReport('csv')
    await handlers.exportReport('html')
    const [, csv, html] = [...written.values()]
    expect(csv.split('\n')[0]).toMatch(/^start_s,end_s,sent/)
    expect(html).toMatch(/^<!doctype html>/)
  })

  it("names the workers a plan of its own asked for, not the app's default", async () => {
    const { controller, end } = fakeController()
    const lastRun = new LastRun(controller, 4)
    lastRun.start(8, { ...PLAN, workers: 1 }, [], STARTED)
    end(result({ runId: 8, total: 10, statusCodes: { '200': 10 } }))
    expect(lastRun.finished()?.report.settings.workers).toBe(1)
  })

  it('writes nothing when the dialog is dismissed', async () => {
    const { handlers, asked, written } = finishedRun(() => undefined)
    expect(await handlers.exportReport('html')).toEqual({ ok: true })
    expect(asked).toHaveLength(1)
    expect(written.size).toBe(0)
  })

  it.each([['exe'], ['JSON'], ['../../etc/passwd'], [''], [null], [{ format: 'json' }], [['json']], [42]])(
    'refuses the format %j before any dialog opens',
    async (format) => {
      const { handlers, asked, written } = finishedRun()
      expect(await handlers.exportReport(format)).toMatchObject({ ok: false, message: expect.any(String) })
      expect(asked).toHaveLength(0)
      expect(written.size).toBe(0)
    }
  )

  it('refuses before any run has ended, and for a run that ended without being started here', async () => {
    const { controller, end } = fakeController()
    const fakes = fakeDestinations((name) => name)
    const handlers = createReportExport(new LastRun(controller, 1), storedRuns, fakes.destinations)
    end(result({ runId: 3 }))
    expect(await handlers.exportReport('json')).toMatchObject({ ok: false })
    expect(await handlers.copySummary()).toMatchObject({ ok: false })
    expect(await handlers.lastReport()).toBeUndefined()
    expect(fakes.asked).toHaveLength(0)
    expect(fakes.clipboard).toHaveLength(0)
  })
})

describe('a stored run by id', () => {
  it("is exported, not the last run's report, under a name from its own URL and start time", async () => {
    const { handlers, asked, written } = finishedRun()
    const saved = '/chosen/stampede-stored.example.com-2026-10-02T14-05.json'
    expect(await handlers.exportReport('json', 41)).toEqual({ ok: true, saved })
    expect(asked).toEqual(['stampede-stored.example.com-2026-10-02T14-05.json'])
    expect(JSON.parse(written.get(saved)!)).toEqual(STORED.report)
  })

  it('gives its summary to the clipboard', async () => {
    const { handlers, clipboard } = finishedRun()
    expect(await handlers.copySummary(41)).toEqual({ ok: true })
    expect(clipboard[0]).toMatch(/^### Stampede: GET `https:\/\/stored\.example\.com\/api`/)
  })

  it.each([[0], [-1], [1.5], ['41'], [null], [Number.MAX_SAFE_INTEGER + 1], [{ id: 41 }]])(
    'refuses the id %j before any dialog or clipboard, as it does an id no run has',
    async (runId) => {
      const { handlers, asked, clipboard } = finishedRun()
      expect(await handlers.exportReport('json', runId)).toEqual({ ok: false, message: 'A run id is a positive whole number.' })
      expect(await handlers.copySummary(runId)).toMatchObject({ ok: false })
      expect(await handlers.exportReport('json', 42)).toEqual({ ok: false, message: 'There is no stored run with that id.' })
      expect(asked).toHaveLength(0)
      expect(clipboard).toHaveLength(0)
    }
  )
})

describe('copySummary', () => {
  it('puts the Markdown summary on main’s clipboard', async () => {
    const { handlers, clipboard } = finishedRun()
    expect(await handlers.copySummary()).toEqual({ ok: true })
    expect(clipboard).toHaveLength(1)
    expect(clipboard[0]).toMatch(/^### Stampede: GET `http:\/\/127\.0\.0\.1:8080\/health`/)
    expect(clipboard[0]).toContain('❌ `max<1ms`: failed')
  })

  it('answers only once the clipboard has the text (Electron 44+ writes it asynchronously)', async () => {
    let finishWrite!: () => void
    const { handlers, clipboard } = finishedRun(undefined, () => new Promise<void>((resolve) => (finishWrite = resolve)))
    let reply: unknown
    const replied = handlers.copySummary().then((answer) => (reply = answer))
    await new Promise((resolve) => setImmediate(resolve))
    expect(reply).toBeUndefined()
    finishWrite()
    await replied
    expect(reply).toEqual({ ok: true })
    expect(clipboard).toHaveLength(1)
  })

  it('says why when the clipboard refuses the text, and does not claim it was copied', async () => {
    const { handlers, clipboard } = finishedRun(undefined, () => Promise.reject(new Error('the clipboard is owned by another program')))
    expect(await handlers.copySummary()).toEqual({
      ok: false,
      message: 'The summary could not be copied: the clipboard is owned by another program'
    })
    expect(clipboard).toHaveLength(0)
  })
})

describe('lastReport', () => {
  it('is the finished run’s report with its run id', async () => {
    const { handlers } = finishedRun()
    const reply = await handlers.lastReport()
    expect(reply?.runId).toBe(7)
    expect(reply?.report.requests.sent).toBe(10)
  })
})

describe('reportFileName', () => {
  it('keeps only safe characters of the host, IPv6 without brackets', () => {
    expect(reportFileName('http://[::1]:8080/', STARTED, 'csv')).toBe('stampede-1-2026-11-29T03-50.csv')
    expect(reportFileName('https://api.example.com/x', STARTED, 'html')).toBe('stampede-api.example.com-2026-11-29T03-50.html')
    expect(reportFileName('not a url', STARTED, 'json')).toBe('stampede-target-2026-11-29T03-50.json')
  })
})
