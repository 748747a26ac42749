import { emptySnapshot, type RunResult, type RunSnapshot } from '../../../shared/run-snapshot'
import { withStepThresholds, type Threshold } from '../../../shared/thresholds'
import type { RunInterval } from '../../../shared/run-interval'
import type { RunPlan } from '../../../shared/run-plan'
import { noticeFor, type RunNotice } from './run-notice'
import type { SliceCreator, StampedeState } from '../app/stampede-store'

/**
 * One run at a time: starting (asked main), running (main gave a run id), cancelling (asked main to
 * stop), ended (the result arrived). A start main refused goes back to idle.
 */
export type RunPhase = 'idle' | 'starting' | 'running' | 'cancelling' | 'ended'

export interface RunSlice {
  phase: RunPhase
  /** Known once startRun answered; messages of any other run are ignored. */
  runId: number | undefined
  /** What the screen shows: the latest progress, and the result once it came. */
  snapshot: RunSnapshot | undefined
  result: RunResult | undefined
  /** The plan and thresholds the run was started with: what remains is judged by them. */
  runPlan: RunPlan | undefined
  runThresholds: Threshold[]
  /** The intervals of the latest snapshot that brought any: the run's current pace and health. */
  latestIntervals: RunInterval[]
  notice: RunNotice | undefined
  /** Messages that arrived before startRun's reply named their run: claimed when it does. */
  unclaimed: { snapshot?: RunSnapshot; result?: RunResult }
  submitRun(): Promise<void>
  cancelRun(): Promise<void>
  /** For other slices: the one line under the form. */
  showNotice(notice: RunNotice): void
  applyProgress(snapshot: RunSnapshot): void
  applyResult(result: RunResult): void
}

export const isActivePhase = (phase: RunPhase): boolean =>
  phase === 'starting' || phase === 'running' || phase === 'cancelling'

export const createRunSlice: SliceCreator<RunSlice> = (api) => (set, get) => ({
  phase: 'idle',
  runId: undefined,
  snapshot: undefined,
  result: undefined,
  runPlan: undefined,
  runThresholds: [],
  latestIntervals: [],
  notice: undefined,
  unclaimed: {},

  submitRun: async () => {
    const { planCheck, thresholdCheck, phase, openTestId, touchAllFields, markRefused, clearRefusals, rememberPlan } = get()
    if (isActivePhase(phase)) return
    if (!planCheck.ok || !thresholdCheck.ok) {
      touchAllFields()
      return
    }
    clearRefusals()
    // Judged live by the steps' own thresholds too, as main judges the run (a refusal is main's to tell).
    const judged = withStepThresholds(thresholdCheck.thresholds, planCheck.plan.flow?.steps)
    set({
      phase: 'starting',
      runId: undefined,
      snapshot: emptySnapshot(0, planCheck.plan.totalRequests ?? 0),
      result: undefined,
      runPlan: planCheck.plan,
      runThresholds: judged.ok ? judged.thresholds : thresholdCheck.thresholds,
      latestIntervals: [],
      notice: undefined,
      unclaimed: {}
    })
    try {
      const expressions = thresholdCheck.thresholds.map((threshold) => threshold.expression)
      // Filed under the open test even with unsaved changes: the stored run keeps the plan it ran with.
      const reply = await api.startRun(planCheck.plan, expressions, openTestId ?? undefined)
      if (reply.ok) {
        set((state) => claimRun(state, reply.runId))
        void rememberPlan(planCheck.plan)
        return
      }
      markRefused(reply.errors)
      set({
        phase: 'idle',
        snapshot: undefined,
        notice: { tone: 'error', text: reply.message ?? 'The run was refused: check the marked fields.' }
      })
    } catch (error) {
      set({ phase: 'idle', snapshot: undefined, notice: { tone: 'error', text: describeFailure('start', error) } })
    }
  },

  cancelRun: async () => {
    const { phase } = get()
    if (phase !== 'starting' && phase !== 'running') return
    set({ phase: 'cancelling' })
    try {
      // The run ends when its result arrives; this reply only says the engine stopped starting requests.
      await api.cancelRun()
    } catch (error) {
      set({ notice: { tone: 'error', text: describeFailure('cancel', error) } })
    }
  },

  showNotice: (notice) => set({ notice }),

  applyProgress: (snapshot) => {
    const state = get()
    if (!isActivePhase(state.phase)) return
    if (state.runId === undefined) set({ unclaimed: { ...state.unclaimed, snapshot } })
    else if (snapshot.runId === state.runId) {
      set(snapshot.intervals.length > 0 ? { snapshot, latestIntervals: snapshot.intervals } : { snapshot })
    }
  },

  applyResult: (result) => {
    const state = get()
    if (!isActivePhase(state.phase)) return
    if (state.runId === undefined) set({ unclaimed: { ...state.unclaimed, result } })
    else if (result.runId === state.runId) {
      set(endedWith(result))
      void state.loadReport(result.runId)
      void state.loadTests()
    }
  }
})

/** startRun answered: adopt the id and whatever arrived for it in the meantime. */
function claimRun(state: StampedeState, runId: number): Partial<RunSlice> {
  const { snapshot, result } = state.unclaimed
  const claimed = { runId, unclaimed: {} }
  if (result?.runId === runId) {
    void state.loadReport(runId)
    void state.loadTests()
    return { ...claimed, ...endedWith(result) }
  }
  return {
    ...claimed,
    phase: state.phase === 'starting' ? 'running' : state.phase,
    snapshot: snapshot?.runId === runId ? snapshot : state.snapshot
  }
}

function endedWith(result: RunResult): Partial<RunSlice> {
  return { phase: 'ended', snapshot: result, result, notice: noticeFor(result) }
}

function describeFailure(action: 'start' | 'cancel', error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error)
  return `Could not ${action} the run: ${reason}`
}
