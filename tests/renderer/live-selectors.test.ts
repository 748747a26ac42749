import { describe, expect, it } from 'vitest'
import {
  currentRate,
  remainingMs,
  selectHeadline,
  selectHealthNotice,
  selectShapedConnections
} from '../../src/renderer/src/results/live-selectors'
import { selectSummaryReport } from '../../src/renderer/src/results/results-selectors'
import type { RunInterval } from '../../src/shared/run-interval'
import type { RunPlan } from '../../src/shared/run-plan'
import { buildRunReport } from '../../src/shared/report/run-report'
import { fakeApi, result, runState, snapshot, stampedeStore } from '../support/factories'
import { planOf } from '../support/plans'
import { intervalOf } from '../support/intervals'

const PLAN: RunPlan = planOf({ url: 'http://127.0.0.1:8080/', totalRequests: 1000, concurrency: 4 })

/** An interval of 100 ms in which `ended` requests got a response. */
const interval = (tick: number, ended: number, health: Partial<RunInterval['health']> = {}): RunInterval => ({
  ...intervalOf(tick, []),
  responses: { ok: ended, clientOrServerError: 0 },
  health: { eventLoopDelayP99Ms: 1, eventLoopBusyPercent: 20, cpuPercent: 15, ...health }
})

describe('currentRate', () => {
  it('is the requests ended a second over the latest intervals', () => {
    expect(currentRate([interval(1, 10), interval(2, 30)])).toBe(200)
    expect(currentRate([])).toBe(0)
  })
})

describe('remainingMs', () => {
  it('is the requests left at the current pace for a counted run', () => {
    const state = runState({
      phase: 'running',
      runPlan: PLAN,
      latestIntervals: [interval(5, 50)],
      snapshot: snapshot({ done: 500, elapsedMs: 1000 })
    })
    // 500 left at 500 a second.
    expect(remainingMs(state)).toBe(1000)
  })

  it('is the duration left, or the sooner of the two, and nothing once the run ended', () => {
    const plan = { ...PLAN, durationMs: 3000 }
    const running = runState({ phase: 'running', runPlan: plan, latestIntervals: [interval(5, 1)], snapshot: snapshot({ done: 500, elapsedMs: 2500 }) })
    expect(remainingMs(running)).toBe(500)
    expect(remainingMs(runState({ phase: 'ended', runPlan: plan, snapshot: snapshot() }))).toBeUndefined()
  })
})

describe('selectHeadline', () => {
  it('shows no latency before the first response, and raw p99 only in the open model', () => {
    const before = selectHeadline(runState({ phase: 'running', snapshot: snapshot({ errorKinds: { refused: 3 } }) }))
    expect(before.p99).toBeUndefined()
    expect(before.openModel).toBe(false)
    const latency = { min: 1, mean: 2, p50: 2, p90: 3, p99: 4, p999: 5, p9999: 5, max: 5 }
    const open = selectHeadline(
      runState({
        phase: 'running',
        snapshot: snapshot({ statusCodes: { '200': 5 }, latencyMs: latency, rawLatencyMs: { ...latency, p99: 1.5 } })
      })
    )
    expect(open).toMatchObject({ openModel: true, p99: 4, rawP99: 1.5 })
  })
})

describe('selectHealthNotice', () => {
  it('says so while the generator limits the run, and nothing once it ended', () => {
    const limited = interval(3, 10, { cpuPercent: 99 })
    expect(selectHealthNotice(runState({ phase: 'running', latestIntervals: [limited] }))).toMatch(/Stampede is the limit/)
    expect(selectHealthNotice(runState({ phase: 'running', latestIntervals: [interval(3, 10)] }))).toBeUndefined()
    expect(selectHealthNotice(runState({ phase: 'ended', latestIntervals: [limited] }))).toBeUndefined()
  })
})

describe('selectShapedConnections', () => {
  it('is true only for a shape of connections, where the chart draws the target beside the open ones', () => {
    const stages = [{ durationMs: 1000, target: 5 }]
    expect(selectShapedConnections(runState({ runPlan: planOf({ url: 'http://127.0.0.1/', concurrency: 1, stages }) }))).toBe(true)
    const openShape = planOf({ url: 'http://127.0.0.1/', concurrency: 1, ratePerSecond: 10, stages })
    expect(selectShapedConnections(runState({ runPlan: openShape }))).toBe(false)
    expect(selectShapedConnections(runState({ runPlan: planOf({ url: 'http://127.0.0.1/', totalRequests: 5, concurrency: 1 }) }))).toBe(false)
    expect(selectShapedConnections(runState({ runPlan: undefined }))).toBe(false)
  })
})

describe('the results slice', () => {
  const report = buildRunReport({ plan: PLAN, result: result({ runId: 3, statusCodes: { '200': 4 } }), workers: 1 })

  it('loads the report of the run that ended, and the summary shows only that run’s', async () => {
    const store = stampedeStore(fakeApi({ lastReport: async () => ({ runId: 3, report }) }))
    await store.getState().loadReport(3)
    expect(selectSummaryReport({ ...store.getState(), phase: 'ended', runId: 3 })).toBe(report)
    expect(selectSummaryReport({ ...store.getState(), phase: 'ended', runId: 4 })).toBeUndefined()
    expect(selectSummaryReport({ ...store.getState(), phase: 'running', runId: 3 })).toBeUndefined()
  })

  it('ignores a report of another run', async () => {
    const store = stampedeStore(fakeApi({ lastReport: async () => ({ runId: 2, report }) }))
    await store.getState().loadReport(3)
    expect(store.getState().lastReport).toBeUndefined()
  })

  it('says where an export was saved, nothing when the dialog was dismissed, and why when refused', async () => {
    const replies = [{ ok: true as const, saved: '/tmp/a.json' }, { ok: true as const }, { ok: false as const, message: 'No run has ended yet.' }]
    const store = stampedeStore(fakeApi({ exportReport: async () => replies.shift() ?? { ok: true } }))
    await store.getState().exportReport('json')
    expect(store.getState().exportNotice).toEqual({ tone: 'success', text: 'Saved the JSON report to /tmp/a.json' })
    await store.getState().exportReport('csv')
    expect(store.getState().exportNotice?.text).toBe('Saved the JSON report to /tmp/a.json')
    await store.getState().exportReport('html')
    expect(store.getState().exportNotice).toEqual({ tone: 'error', text: 'No run has ended yet.' })
  })
})
