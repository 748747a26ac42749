/**
 * The whole UI state: one zustand store built from slices, one slice per feature.
 *
 * Each slice owns its fields: only its own actions set them, and its `set` takes nothing else.
 * When one slice needs another's state to change, it calls an action the owner exposes (the plan
 * slice calls the run slice's showNotice; the run slice calls the plan slice's touchAllFields,
 * markRefused and clearRefusals; it reads the thresholds slice's check and, when a run ends, calls the
 * results slice's loadReport and the saved-tests slice's loadTests; the flow slice edits a flow through
 * the plan slice's editFlow; opening a saved test calls the plan
 * slice's loadPlan and the thresholds slice's loadThresholds), so every rule about a field lives next
 * to the field.
 */
import { create } from 'zustand'
import type { StampedeApi } from '../../../shared/ipc'
import { createFlowSlice, type FlowSlice } from '../flow/flow-slice'
import { createHistorySlice, type HistorySlice } from '../history/history-slice'
import { createImportSlice, type ImportSlice } from '../import/import-slice'
import { createNavigationSlice, type NavigationSlice } from './navigation-slice'
import type { PlanJudge } from '../plan/plan-form'
import { createPlanSlice, type PlanSlice } from '../plan/plan-slice'
import { createResultsSlice, type ResultsSlice } from '../results/results-slice'
import { createRunSlice, type RunSlice } from '../run/run-slice'
import { createSavedTestsSlice, type SavedTestsSlice } from '../saved-tests/saved-tests-slice'
import { createThresholdsSlice, type ThresholdsSlice } from '../thresholds/thresholds-slice'

export type StampedeState = NavigationSlice &
  PlanSlice &
  RunSlice &
  ThresholdsSlice &
  ResultsSlice &
  SavedTestsSlice &
  HistorySlice &
  ImportSlice &
  FlowSlice

/** Some of a slice's own fields: giving another slice's field a value does not type-check (see above). */
type OwnFields<Slice> = Partial<Slice> & { [Field in Exclude<keyof StampedeState, keyof Slice>]?: never }
type SetOwnFields<Slice> = (partial: OwnFields<Slice> | ((state: StampedeState) => OwnFields<Slice>)) => void

/** Builds one slice; `api` is how it talks to main (window.api in the app, a fake in tests). */
export type SliceCreator<Slice> = (
  api: StampedeApi
) => (set: SetOwnFields<Slice>, get: () => StampedeState) => Slice

/** `planJudge`: the form's judge from the start (tests); the window loads it after its first paint. */
export function createStampedeStore(api: StampedeApi, { planJudge }: { planJudge?: PlanJudge } = {}) {
  return create<StampedeState>()((set, get) => ({
    ...createNavigationSlice(api)(set, get),
    ...createPlanSlice(planJudge)(api)(set, get),
    ...createRunSlice(api)(set, get),
    ...createThresholdsSlice(api)(set, get),
    ...createResultsSlice(api)(set, get),
    ...createSavedTestsSlice(api)(set, get),
    ...createHistorySlice(api)(set, get),
    ...createImportSlice(api)(set, get),
    ...createFlowSlice(api)(set, get)
  }))
}

export type StampedeStore = ReturnType<typeof createStampedeStore>
