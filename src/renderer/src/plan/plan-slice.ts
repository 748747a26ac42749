import type { UnmappedArgument } from '../../../shared/curl-command'
import type { RunPlan } from '../../../shared/run-plan'
import type { StagePreset } from '../../../shared/stage-presets'
import type { FieldErrors } from '../../../shared/validation'
import type { SliceCreator, StampedeState } from '../app/stampede-store'
import { isActivePhase } from '../run/run-slice'
import {
  formErrorsOf,
  headerRow,
  INITIAL_PLAN_FORM_VALUES,
  PENDING_PLAN_CHECK,
  type HeaderRow,
  type PlanFormCheck,
  type PlanJudge,
  type PlanFormErrors,
  type PlanFormPart,
  type PlanFormValues,
  type PlanTextFieldName
} from './plan-form'
import { formWithCurlRequest, planToForm } from './form-of-plan'
import { queryParamsOf, withQueryParams, type QueryParam } from './query-params'
import { formWithPreset, withShape } from './shape-form'
import { stageRow, type StageRow } from './stage-rows'
import { flowStartedFrom, moved, stepRow, type FlowFormValues } from '../flow/flow-form'

/** The form's choices made with a select or radio buttons, not typed. */
export type PlanChoice = 'method' | 'bodyKind' | 'stopAfter' | 'model' | 'protocol' | 'insecure' | 'shaped'

/** What the last cURL import did: what it could not carry over, or why it read nothing. */
export type CurlImportReport = { ok: true; unmapped: UnmappedArgument[] } | { ok: false; message: string }

/** What the user typed, judged on every edit by the shared validation (main judges it again). */
export interface PlanSlice {
  fields: PlanFormValues
  /** A field shows its message once it was edited or left, so an untouched form is not scolded. */
  touched: Partial<Record<PlanFormPart, boolean>>
  /** Pending until the judge has loaded (loadPlanJudge), then the judgement of `fields`. */
  planCheck: PlanFormCheck
  /** What main refused on the last start, shown until the field changes. */
  refusedErrors: PlanFormErrors
  curlImport: CurlImportReport | undefined
  /** A line under the form about remembering the plan (it could not be restored or saved). */
  planNote: string | undefined
  editField(field: PlanTextFieldName, text: string): void
  choose<K extends PlanChoice>(choice: K, value: PlanFormValues[K]): void
  addHeader(): void
  editHeader(id: number, change: Partial<Omit<HeaderRow, 'id'>>): void
  removeHeader(id: number): void
  /** Moves a header row by `delta` places (-1: up): the order they are sent in. */
  moveHeader(id: number, delta: number): void
  /** Query rows are the URL's: each edit writes the URL anew (see ./query-params.ts). */
  addQueryParam(): void
  editQueryParam(index: number, change: Partial<QueryParam>): void
  removeQueryParam(index: number): void
  /** Add step: the one request becomes a flow of two steps, or a flow gets one more step. */
  addStep(): void
  /** Every edit of a flow's steps, variables and data goes through here (../flow/flow-edits.ts gives the changes). */
  editFlow(change: (flow: FlowFormValues) => FlowFormValues): void
  addStage(): void
  editStage(id: number, change: Partial<Omit<StageRow, 'id'>>): void
  removeStage(id: number): void
  moveStage(id: number, delta: number): void
  /** Replaces the stages (and the start) with a ready-made shape, scaled to the one there was. */
  applyPreset(preset: StagePreset): void
  /** Fills the request from a cURL command; false (and a report saying why) when it is not one. */
  importCurl(command: string): Promise<boolean>
  dismissCurlImport(): void
  touchField(field: PlanFormPart): void
  touchAllFields(): void
  /** Main refused the plan: shows its reasons on their fields until they are edited. */
  markRefused(errors: FieldErrors): void
  clearRefusals(): void
  /** Asks main for the built-in demo target and puts its URL in the URL field. */
  fillWithDemoTarget(): Promise<void>
  /** The one way a plan enters the form whole (a remembered plan, a saved test): as typed anew, untouched. */
  loadPlan(plan: RunPlan): void
  /** Fills the form with the plan main remembered, unless the user has started typing or opened a test. */
  restoreLastPlan(): Promise<void>
  /** Asks main to remember a plan that has just started. */
  rememberPlan(plan: RunPlan): Promise<void>
  /**
   * Loads the form's judge, the shared validation and zod with it, and judges the form as it is by
   * then. Called once the window has painted: zod, its schema and its first parse were a third of
   * the page's one long task at load (docs/benchmarks.md), so they run after the first paint, in
   * tasks of their own.
   */
  loadPlanJudge(): Promise<void>
}

const ALL_TOUCHED: Record<PlanFormPart, true> = {
  url: true,
  method: true,
  headers: true,
  body: true,
  timeout: true,
  totalRequests: true,
  duration: true,
  concurrency: true,
  ratePerSecond: true,
  pipelining: true,
  workers: true,
  protocol: true,
  insecure: true,
  stages: true,
  flow: true
}

/** `judge`: given, the form is judged from the start (tests); otherwise loadPlanJudge loads it. */
export const createPlanSlice = (judge?: PlanJudge): SliceCreator<PlanSlice> => (api) => (set, get) => {
  const judged = (fields: PlanFormValues): PlanFormCheck => (judge ? judge(fields) : PENDING_PLAN_CHECK)
  /** The form after a change to some of its values, judged anew; the edited field's refusal is cleared. */
  const edited = (state: StampedeState, change: Partial<PlanFormValues>, field?: PlanFormPart): Partial<PlanSlice> => {
    const fields = { ...state.fields, ...change }
    if (!field) return { fields, planCheck: judged(fields) }
    const { [field]: _edited, ...refusedErrors } = state.refusedErrors
    return { fields, planCheck: judged(fields), touched: { ...state.touched, [field]: true }, refusedErrors }
  }
  const editRows = (change: (rows: HeaderRow[]) => HeaderRow[]): void =>
    set((state) => edited(state, { headers: change(state.fields.headers) }, 'headers'))
  const editStages = (change: (rows: StageRow[]) => StageRow[]): void =>
    set((state) => edited(state, { stages: change(state.fields.stages) }, 'stages'))
  const editQuery = (change: (params: QueryParam[]) => QueryParam[]): void => {
    const url = get().fields.url
    get().editField('url', withQueryParams(url, change(queryParamsOf(url))))
  }

  return {
    fields: INITIAL_PLAN_FORM_VALUES,
    touched: {},
    planCheck: judged(INITIAL_PLAN_FORM_VALUES),
    refusedErrors: {},
    curlImport: undefined,
    planNote: undefined,
    editField: (field, text) => set((state) => edited(state, { [field]: text }, field)),
    choose: (choice, value) => {
      // Some choices have a message of their own (the method, the protocol); the others have none.
      const part: PlanFormPart | undefined = choice === 'method' ? 'method' : choice === 'protocol' ? 'protocol' : undefined
      set((state) => {
        const change = choice === 'shaped' ? withShape(state.fields, value === true) : { [choice]: value }
        return edited(state, change, part)
      })
      // A field a choice brings into view speaks at once: an empty one would leave Submit disabled unexplained.
      if (choice === 'model' && value === 'open') get().touchField('ratePerSecond')
      if (choice === 'stopAfter' && value !== 'requests') get().touchField('duration')
    },
    addHeader: () => editRows((rows) => [...rows, headerRow()]),
    editHeader: (id, change) => editRows((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row))),
    removeHeader: (id) => editRows((rows) => rows.filter((row) => row.id !== id)),
    moveHeader: (id, delta) => editRows((rows) => moved(rows, id, delta)),
    addQueryParam: () => editQuery((params) => [...params, { name: '', value: '' }]),
    editQueryParam: (index, change) =>
      editQuery((params) => params.map((param, at) => (at === index ? { ...param, ...change } : param))),
    removeQueryParam: (index) => editQuery((params) => params.filter((_param, at) => at !== index)),
    addStep: () =>
      set((state) => {
        const flow = state.fields.flow
        return edited(state, { flow: flow ? { ...flow, steps: [...flow.steps, stepRow()] } : flowStartedFrom(state.fields) }, 'flow')
      }),
    editFlow: (change) =>
      set((state) => (state.fields.flow ? edited(state, { flow: change(state.fields.flow) }, 'flow') : {})),
    addStage: () =>
      editStages((rows) => {
        const last = rows.at(-1)
        return [...rows, stageRow(last?.duration ?? '10', last?.target ?? '')]
      }),
    editStage: (id, change) => editStages((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row))),
    removeStage: (id) => editStages((rows) => rows.filter((row) => row.id !== id)),
    moveStage: (id, delta) => editStages((rows) => moved(rows, id, delta)),
    applyPreset: (preset) => set((state) => edited(state, formWithPreset(state.fields, preset), 'stages')),
    importCurl: async (command) => {
      // Loaded on first use: the page opens without the shell-word reader and the flag table.
      const { readCurlCommand } = await import('../../../shared/curl-command')
      const reading = readCurlCommand(command)
      if (!reading.ok) {
        set({ curlImport: reading })
        return false
      }
      set((state) => {
        const fields = formWithCurlRequest(state.fields, reading.request)
        // Shows at once what the command brought that the plan refuses, such as a Connection header.
        const touched = { ...state.touched, url: true, method: true, headers: true, body: true, timeout: true, protocol: true, insecure: true }
        return { fields, planCheck: judged(fields), touched, refusedErrors: {}, curlImport: { ok: true, unmapped: reading.unmapped } }
      })
      return true
    },
    dismissCurlImport: () => set({ curlImport: undefined }),
    touchField: (field) => {
      if (!get().touched[field]) set((state) => ({ touched: { ...state.touched, [field]: true } }))
    },
    touchAllFields: () => set({ touched: ALL_TOUCHED }),
    markRefused: (errors) => set({ refusedErrors: formErrorsOf(errors) }),
    clearRefusals: () => set({ refusedErrors: {} }),
    fillWithDemoTarget: async () => {
      try {
        const { url } = await api.startDemoTarget()
        get().editField('url', url)
      } catch (error) {
        get().showNotice({ tone: 'error', text: `Could not start the demo target: ${reasonOf(error)}` })
      }
    },
    loadPlan: (plan) => {
      const fields = planToForm(plan)
      set({ fields, planCheck: judged(fields), touched: {}, refusedErrors: {}, curlImport: undefined })
    },
    restoreLastPlan: async () => {
      try {
        const { plan, message } = await api.loadLastPlan()
        if (message) set({ planNote: message })
        const state = get()
        const userBegan =
          Object.values(state.touched).some(Boolean) || isActivePhase(state.phase) || state.openTestId !== null
        if (plan && !userBegan) state.loadPlan(plan)
      } catch (error) {
        set({ planNote: `The last plan could not be loaded: ${reasonOf(error)}` })
      }
    },
    rememberPlan: async (plan) => {
      try {
        const reply = await api.saveLastPlan(plan)
        set({ planNote: reply.saved ? undefined : reply.message })
      } catch (error) {
        set({ planNote: `The plan could not be remembered: ${reasonOf(error)}` })
      }
    },
    loadPlanJudge: async () => {
      if (judge) return
      const { checkPlanForm } = await import('./plan-form-check')
      // A real yield between loading the module (zod, the schema) and its first judgement, which
      // warms zod's parsers: each is a task of its own, so neither holds the page for long.
      await new Promise((resolve) => setTimeout(resolve, 0))
      judge = checkPlanForm
      set((state) => ({ planCheck: judged(state.fields) }))
    }
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
