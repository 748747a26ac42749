import type { TryOnceResult } from '../../../shared/flow/try-once-result'
import type { SliceCreator } from '../app/stampede-store'
import { withDataFile } from './flow-edits'

/** Try once: asked main (trying), or what it answered: the iteration, or why it was refused. */
export type TryOnceState = { phase: 'idle' } | { phase: 'trying' } | { phase: 'tried'; result: TryOnceResult } | { phase: 'refused'; message: string }

export interface FlowSlice {
  tryOnce: TryOnceState
  /** Why the last data file picked could not be used, naming it. */
  dataFileMessage: string | undefined
  /** One iteration of the flow as the form holds it; a form with a fault is marked and nothing is sent. */
  tryFlowOnce(): Promise<void>
  /** The native dialog (main's); a usable file's columns become variables through the plan slice. */
  chooseDataFile(): Promise<void>
}

export const createFlowSlice: SliceCreator<FlowSlice> = (api) => (set, get) => ({
  tryOnce: { phase: 'idle' },
  dataFileMessage: undefined,

  tryFlowOnce: async () => {
    const { planCheck, touchAllFields, tryOnce } = get()
    if (tryOnce.phase === 'trying') return
    if (!planCheck.ok) {
      touchAllFields()
      return
    }
    set({ tryOnce: { phase: 'trying' } })
    try {
      const reply = await api.tryOnce(planCheck.plan)
      set({ tryOnce: reply.ok ? { phase: 'tried', result: reply.result } : { phase: 'refused', message: reply.message ?? Object.values(reply.errors).join(' ') } })
    } catch (error) {
      set({ tryOnce: { phase: 'refused', message: `Could not try the flow: ${error instanceof Error ? error.message : String(error)}` } })
    }
  },

  chooseDataFile: async () => {
    try {
      const reply = await api.chooseDataFile()
      if (!reply.ok) {
        set({ dataFileMessage: reply.message })
        return
      }
      set({ dataFileMessage: undefined })
      if (reply.data) get().editFlow(withDataFile(reply.data))
    } catch (error) {
      set({ dataFileMessage: `Could not open the data file: ${error instanceof Error ? error.message : String(error)}` })
    }
  }
})
