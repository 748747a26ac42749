import { create, type StateCreator } from 'zustand'
import { createPlanSlice, type PlanSlice } from '../plan/plan-slice'
import { createRunSlice, type RunSlice } from '../run/run-slice'

/** The whole UI state: one store, one slice per concern, each with its actions and selectors. */
export type StampedeState = PlanSlice & RunSlice

export type SliceCreator<Slice> = StateCreator<StampedeState, [], [], Slice>

export const useStampede = create<StampedeState>()((...args) => ({
  ...createPlanSlice(...args),
  ...createRunSlice(...args)
}))
