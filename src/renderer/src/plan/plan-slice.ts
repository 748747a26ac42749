import type { FieldErrors, PlanCheck } from '../../../shared/validation'
import type { SliceCreator } from '../app/stampede-store'
import { checkPlanForm, INITIAL_PLAN_FORM_TEXT, type PlanFormField, type PlanFormText } from './plan-form'

/** What the user typed, judged on every edit by the shared validation (main judges it again). */
export interface PlanSlice {
  fields: PlanFormText
  /** A field shows its message once it was edited or left, so an untouched form is not scolded. */
  touched: Record<PlanFormField, boolean>
  planCheck: PlanCheck
  /** What main refused on the last start, shown until the field changes. */
  refusedErrors: FieldErrors
  editField(field: PlanFormField, text: string): void
  touchField(field: PlanFormField): void
  touchAllFields(): void
  /** Main refused the plan: shows its reasons on their fields until they are edited. */
  markRefused(errors: FieldErrors): void
  clearRefusals(): void
  /** Asks main for the built-in demo target and puts its URL in the URL field. */
  fillWithDemoTarget(): Promise<void>
}

const UNTOUCHED: Record<PlanFormField, boolean> = { url: false, totalRequests: false, concurrency: false }
const ALL_TOUCHED: Record<PlanFormField, boolean> = { url: true, totalRequests: true, concurrency: true }

export const createPlanSlice: SliceCreator<PlanSlice> = (api) => (set, get) => ({
  fields: INITIAL_PLAN_FORM_TEXT,
  touched: UNTOUCHED,
  planCheck: checkPlanForm(INITIAL_PLAN_FORM_TEXT),
  refusedErrors: {},
  editField: (field, text) =>
    set((state) => {
      const fields = { ...state.fields, [field]: text }
      const { [field]: _edited, ...refusedErrors } = state.refusedErrors
      return {
        fields,
        planCheck: checkPlanForm(fields),
        touched: { ...state.touched, [field]: true },
        refusedErrors
      }
    }),
  touchField: (field) => {
    if (!get().touched[field]) set((state) => ({ touched: { ...state.touched, [field]: true } }))
  },
  touchAllFields: () => set({ touched: ALL_TOUCHED }),
  markRefused: (errors) => set({ refusedErrors: errors }),
  clearRefusals: () => set({ refusedErrors: {} }),
  fillWithDemoTarget: async () => {
    try {
      const { url } = await api.startDemoTarget()
      get().editField('url', url)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      get().showNotice({ tone: 'error', text: `Could not start the demo target: ${reason}` })
    }
  }
})
