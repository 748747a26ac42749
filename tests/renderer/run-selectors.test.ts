import { describe, expect, it } from 'vitest'
import {
  selectDone,
  selectHasSnapshot,
  selectProgress,
  selectRunIsActive,
  selectThroughput
} from '../../src/renderer/src/run/run-selectors'
import type { RunPhase } from '../../src/renderer/src/run/run-slice'
import { result, runState, snapshot } from '../support/factories'
import { EMPTY_LATENCY } from '../../src/shared/run-snapshot'
import type { RunPlan } from '../../src/shared/run-plan'
import { checkRunPlan } from '../../src/shared/validation'

describe('selectRunIsActive', () => {
  it.each<[RunPhase, boolean]>([
    ['idle', false],
    ['starting', true],
    ['running', true],
    ['cancelling', true],
    ['ended', false]
  ])('is %s -> %s', (phase, active) => {
    expect(selectRunIsActive(runState({ phase }))).toBe(active)
  })
})

describe('selectProgress', () => {
  it('is an empty bar before any run', () => {
    const state = runState()
    expect(selectHasSnapshot(state)).toBe(false)
    expect(selectProgress(state)).toEqual({ runId: undefined, measure: 'requests', done: 0, total: 0, outcome: undefined })
  })

  it('is the latest snapshot while the run goes, with no outcome colour', () => {
    const running = snapshot({ runId: 3, total: 500, statusCodes: { 200: 120 } })
    const state = runState({ phase: 'running', runId: 3, snapshot: running })
    expect(selectProgress(state)).toEqual({ runId: 3, measure: 'requests', done: 120, total: 500, outcome: undefined })
  })

  it('takes the outcome from the result once the run has ended', () => {
    const ended = result({ total: 500, statusCodes: { 200: 200 }, errorKinds: { cancelled: 4 }, outcome: 'cancelled' })
    const state = runState({ phase: 'ended', runId: 1, snapshot: ended, result: ended })
    expect(selectProgress(state)).toEqual({ runId: 1, measure: 'requests', done: 204, total: 500, outcome: 'cancelled' })
  })

  it('is time elapsed against the length for a run the clock ends (a shape from 0 connections plans no count)', () => {
    const plan = checkedPlan({ url: 'http://127.0.0.1/', concurrency: 0, stages: [{ durationMs: 60_000, target: 10 }] })
    const running = snapshot({ runId: 2, total: 0, elapsedMs: 15_000, statusCodes: { 200: 122_088 } })
    const state = runState({ phase: 'running', runId: 2, snapshot: running, runPlan: plan })
    expect(selectProgress(state)).toEqual({ runId: 2, measure: 'time', done: 15_000, total: 60_000, outcome: undefined })
  })

  it("counts a flow's iterations ended against those planned, not its requests", () => {
    const plan = checkedPlan({
      url: 'http://127.0.0.1/',
      concurrency: 2,
      iterations: 50,
      flow: { variables: [], steps: [{ method: 'GET', url: 'http://127.0.0.1/a', headers: [], captures: [], checks: ['status == 200'], thresholds: [] }] }
    })
    const iterations = { started: 12, completed: 9, failed: 1, failedBy: {}, durationMs: EMPTY_LATENCY }
    const running = snapshot({ runId: 4, total: 0, statusCodes: { 200: 30 }, iterations })
    const state = runState({ phase: 'running', runId: 4, snapshot: running, runPlan: plan })
    expect(selectProgress(state)).toEqual({ runId: 4, measure: 'iterations', done: 10, total: 50, outcome: undefined })
  })
})

function checkedPlan(input: unknown): RunPlan {
  const check = checkRunPlan(input)
  if (!check.ok) throw new Error(JSON.stringify(check.errors))
  return check.plan
}

describe('selectThroughput', () => {
  it('is all zeros before any run', () => {
    expect(selectThroughput(runState())).toEqual({
      requestsPerSecond: 0,
      elapsedMs: 0,
      ok: 0,
      clientOrServerError: 0,
      failed: 0,
      errorRate: 0,
      bytesRead: 0
    })
  })

  it('splits the outcome tiles as src/shared/request-outcomes.ts defines them: aborted requests in none', () => {
    const running = snapshot({
      statusCodes: { 200: 880, 302: 20, 404: 30, 503: 40 },
      errorKinds: { reset: 10, timeout: 5, refused: 5, cancelled: 10 },
      requestsPerSecond: 1234.5,
      elapsedMs: 812,
      bytesRead: 45_000
    })
    expect(selectDone(runState({ snapshot: running }))).toBe(1000)
    expect(selectThroughput(runState({ phase: 'running', snapshot: running }))).toEqual({
      requestsPerSecond: 1234.5,
      elapsedMs: 812,
      ok: 900,
      clientOrServerError: 70,
      failed: 20,
      // 4xx–5xx and failed, of the requests not aborted.
      errorRate: 90 / 990,
      bytesRead: 45_000
    })
  })

  it('leaves requests the user aborted out of the error rate', () => {
    const cancelled = result({ outcome: 'cancelled', statusCodes: { 200: 60 }, errorKinds: { cancelled: 40 } })
    expect(selectThroughput(runState({ phase: 'ended', snapshot: cancelled, result: cancelled }))).toMatchObject({
      ok: 60,
      failed: 0,
      errorRate: 0
    })
  })
})
