import { createStampedeStore, type StampedeState, type StampedeStore } from '../../src/renderer/src/app/stampede-store'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import {
  INITIAL_PLAN_FORM_VALUES,
  type HeaderRow,
  type PlanFormErrors,
  type PlanFormPart,
  type PlanFormValues
} from '../../src/renderer/src/plan/plan-form'
import type { StampedeApi } from '../../src/shared/ipc'
import { emptySnapshot, type RunResult, type RunSnapshot } from '../../src/shared/run-snapshot'

/**
 * Test data for the renderer's state, built whole so a test names only what it is about. Each
 * keeps the invariants the real code keeps (done is the sum of all outcomes; planCheck judges fields).
 */

/** A snapshot of run 1; `done` is the sum of the status codes and error kinds unless given. */
export function snapshot(overrides: Partial<RunSnapshot> = {}): RunSnapshot {
  const base = { ...emptySnapshot(1, 100), ...overrides }
  const ended = [...Object.values(base.statusCodes), ...Object.values(base.errorKinds)]
  return { ...base, done: overrides.done ?? ended.reduce((sum: number, count) => sum + (count ?? 0), 0) }
}

export function result(overrides: Partial<RunResult> = {}): RunResult {
  return { outcome: 'finished', ...snapshot(overrides), ...overrides }
}

/** window.api answering every request at once, with no events; override what a test drives. */
export function fakeApi(overrides: Partial<StampedeApi> = {}): StampedeApi {
  return {
    startRun: async () => ({ ok: true, runId: 1 }),
    cancelRun: async () => ({ cancelled: true, done: 0 }),
    startDemoTarget: async () => ({ url: 'http://127.0.0.1:8080/' }),
    loadLastPlan: async () => ({}),
    saveLastPlan: async () => ({ saved: true }),
    lastReport: async () => undefined,
    exportReport: async () => ({ ok: true }),
    copySummary: async () => ({ ok: true }),
    listTests: async () => [],
    saveTest: async () => ({ ok: false, message: 'No history in this fake.' }),
    duplicateTest: async () => ({ ok: false, message: 'No history in this fake.' }),
    deleteTest: async () => ({ ok: true }),
    listRuns: async () => [],
    getRun: async () => undefined,
    deleteRun: async () => ({ ok: true }),
    setBaseline: async () => ({ ok: true }),
    importRunFile: async () => ({ ok: true }),
    exportTestFile: async () => ({ ok: true }),
    importTestFile: async () => ({ ok: true }),
    importDroppedFile: async () => ({ ok: true }),
    historyStatus: async () => ({ available: true, runCount: 0, maxRuns: 1000, sizeBytes: 0, location: '/fake/history.sqlite' }),
    setMaxRuns: async () => ({ ok: false, message: 'No history in this fake.' }),
    tryOnce: async () => ({ ok: true, result: { steps: [] } }),
    chooseDataFile: async () => ({ ok: true }),
    onProgress: () => () => {},
    onDone: () => () => {},
    ...overrides
  }
}

/** The app's store on a fake api, as the window is once its plan judge has loaded. */
export function stampedeStore(api: StampedeApi = fakeApi()): StampedeStore {
  return createStampedeStore(api, { planJudge: checkPlanForm })
}

/** The store's state with some run fields set, as a selector receives it. */
export function runState(overrides: Partial<StampedeState> = {}): StampedeState {
  const store = stampedeStore()
  store.setState(overrides)
  return store.getState()
}

export interface PlanStateOptions {
  /** Values as typed or chosen, over the form's initial ones. */
  fields?: Partial<PlanFormValues>
  touched?: PlanFormPart[]
  /** On the form's parts, as markRefused leaves them. */
  refusedErrors?: PlanFormErrors
}

/** The store's state with a form as typed; planCheck judges the fields, as the plan slice does. */
export function planState({ fields = {}, touched = [], refusedErrors = {} }: PlanStateOptions = {}): StampedeState {
  const store = stampedeStore()
  const values = { ...INITIAL_PLAN_FORM_VALUES, ...fields }
  const touchedParts = Object.fromEntries(touched.map((part) => [part, true]))
  store.setState({ fields: values, planCheck: checkPlanForm(values), touched: touchedParts, refusedErrors })
  return store.getState()
}

let lastTestRowId = 1_000_000

/** A header row with an id of its own (far from the form's, so none collide). */
export function header(name: string, value: string, enabled = true): HeaderRow {
  return { id: ++lastTestRowId, name, value, enabled }
}
