import type { HistoryStatus, RunRecordSummary, StoredRun } from '../../../shared/run-history'
import type { SliceCreator } from '../app/stampede-store'
import { rerunRefusal, selectListedTestId } from './history-selectors'
import { checkMaxRuns } from './max-runs'

/** The list shows the runs of the test open in the designer, or every run. */
export type HistoryScope = 'test' | 'all'

/** What the History view shows: the list, one stored run whole, or two compared (base first). */
export type HistoryPage = { kind: 'list' } | { kind: 'run'; runId: number } | { kind: 'compare'; baseId: number; nextId: number }

/** What the last change to the history did, in a line above the list. */
export interface HistoryNotice {
  tone: 'success' | 'error'
  text: string
}

/**
 * The stored runs as main lists them, the ones fetched whole (to open or compare), and the storage
 * setting as typed. Main owns the history: every change is a request, and the list is read again after.
 */
export interface HistorySlice {
  historyScope: HistoryScope
  historyRuns: RunRecordSummary[]
  historyStatus: HistoryStatus | undefined
  historyNotice: HistoryNotice | undefined
  historyPage: HistoryPage
  /** Runs fetched whole, by id: only those opened or compared. */
  storedRuns: Record<number, StoredRun>
  /** Ticked for Compare, in the order ticked; at most two. */
  checkedRunIds: number[]
  /** The run whose Delete asks to be confirmed. */
  deleteAskedFor: number | undefined
  maxRunsText: string
  maxRunsMessage: string | undefined
  /** Reads the list (the open test's runs in the scope "test", or all) and the status again. */
  refreshHistory(): Promise<void>
  showHistoryScope(scope: HistoryScope): void
  toggleRunChecked(runId: number): void
  openStoredRun(runId: number): Promise<void>
  /** Compares two runs: the older (by start) is the base. */
  compareRuns(firstId: number, secondId: number): Promise<void>
  /** Compares a run with its test's baseline. */
  compareWithBaseline(runId: number): Promise<void>
  showHistoryList(): void
  askToDeleteRun(runId: number | undefined): void
  deleteStoredRun(runId: number): Promise<void>
  /** Marks the run as its test's baseline, or (runId null) clears the test's baseline. */
  setBaselineRun(testId: number, runId: number | null): Promise<void>
  /** Loads the run's plan and thresholds into the designer and starts it. */
  rerunStoredRun(runId: number): Promise<void>
  importRunFile(): Promise<void>
  editMaxRuns(text: string): void
  saveMaxRuns(): Promise<void>
}

export const createHistorySlice: SliceCreator<HistorySlice> = (api) => (set, get) => {
  const fail = (text: string): void => set({ historyNotice: { tone: 'error', text } })
  const refresh = (): Promise<void> => get().refreshHistory()

  /** The run, whole: from the runs already fetched, or from main. */
  const storedRun = async (runId: number): Promise<StoredRun | undefined> => {
    const known = get().storedRuns[runId]
    if (known) return known
    const run = await api.getRun(runId)
    if (!run) {
      fail(`Run ${runId} is no longer in the history.`)
      return undefined
    }
    set((state) => ({ storedRuns: { ...state.storedRuns, [runId]: run } }))
    return run
  }

  /** Runs an action, turning a failed request into the notice rather than an unhandled rejection. */
  const attempt = async (what: string, action: () => Promise<void>): Promise<void> => {
    try {
      await action()
    } catch (error) {
      fail(`Could not ${what}: ${reasonOf(error)}`)
    }
  }

  return {
    historyScope: 'test',
    historyRuns: [],
    historyStatus: undefined,
    historyNotice: undefined,
    historyPage: { kind: 'list' },
    storedRuns: {},
    checkedRunIds: [],
    deleteAskedFor: undefined,
    maxRunsText: '',
    maxRunsMessage: undefined,

    refreshHistory: () =>
      attempt('read the history', async () => {
        const scopedTo = selectListedTestId(get())
        const [runs, status] = await Promise.all([
          scopedTo === undefined ? api.listRuns() : api.listRuns(scopedTo),
          api.historyStatus()
        ])
        const listed = new Set(runs.map((run) => run.id))
        set((state) => ({
          historyRuns: runs,
          historyStatus: status,
          checkedRunIds: state.checkedRunIds.filter((id) => listed.has(id)),
          // The setting as stored, unless the user has typed another that is not applied yet.
          maxRunsText: untypedMaxRuns(state) ? String(status.maxRuns) : state.maxRunsText
        }))
      }),

    showHistoryScope: (scope) => {
      set({ historyScope: scope })
      void refresh()
    },

    toggleRunChecked: (runId) =>
      set((state) => {
        if (state.checkedRunIds.includes(runId)) return { checkedRunIds: state.checkedRunIds.filter((id) => id !== runId) }
        // A third tick replaces the older of the two: Compare always takes two.
        return { checkedRunIds: [...state.checkedRunIds, runId].slice(-2) }
      }),

    openStoredRun: (runId) =>
      attempt('open the run', async () => {
        if (await storedRun(runId)) set({ historyPage: { kind: 'run', runId }, historyNotice: undefined })
      }),

    compareRuns: (firstId, secondId) =>
      attempt('compare the runs', async () => {
        const [first, second] = await Promise.all([storedRun(firstId), storedRun(secondId)])
        if (!first || !second) return
        const [base, next] = Date.parse(first.startedAt) <= Date.parse(second.startedAt) ? [first, second] : [second, first]
        set({ historyPage: { kind: 'compare', baseId: base.id, nextId: next.id }, historyNotice: undefined })
      }),

    compareWithBaseline: (runId) =>
      attempt('compare with the baseline', async () => {
        const run = get().historyRuns.find((candidate) => candidate.id === runId)
        const baseline = get().historyRuns.find((candidate) => candidate.isBaseline && candidate.testId === run?.testId)
        if (!run || !baseline) return fail('This run’s test has no baseline in the list.')
        const [base, next] = await Promise.all([storedRun(baseline.id), storedRun(runId)])
        if (base && next) set({ historyPage: { kind: 'compare', baseId: base.id, nextId: next.id }, historyNotice: undefined })
      }),

    showHistoryList: () => set({ historyPage: { kind: 'list' } }),

    askToDeleteRun: (runId) => set({ deleteAskedFor: runId }),

    deleteStoredRun: (runId) =>
      attempt('delete the run', async () => {
        const reply = await api.deleteRun(runId)
        set({ deleteAskedFor: undefined })
        if (!reply.ok) return fail(reply.message)
        set((state) => {
          const { [runId]: _deleted, ...storedRuns } = state.storedRuns
          return { storedRuns, historyNotice: { tone: 'success', text: 'Deleted the run.' } }
        })
        await refresh()
      }),

    setBaselineRun: (testId, runId) =>
      attempt('set the baseline', async () => {
        const reply = await api.setBaseline(testId, runId)
        if (!reply.ok) return fail(reply.message)
        set({ historyNotice: undefined })
        await refresh()
      }),

    rerunStoredRun: (runId) =>
      attempt('run it again', async () => {
        const run = await storedRun(runId)
        if (!run) return
        if (!run.plan) return fail(rerunRefusal(run) ?? 'This run has no plan to run again.')
        // Filed under its test again: the designer opens it first (asking, if the open test has unsaved changes).
        const testKnown = get().savedTests.some((test) => test.id === run.testId)
        if (testKnown && run.testId !== get().openTestId) {
          get().requestOpenTest(run.testId as number)
          if (get().openTestId !== run.testId) {
            get().showMainView('designer')
            return get().showNotice({ tone: 'warning', text: 'The open test has unsaved changes: answer the question, then Re-run again.' })
          }
        }
        const { loadPlan, loadThresholds, showMainView, submitRun } = get()
        loadPlan(run.plan)
        loadThresholds(run.thresholds)
        showMainView('designer')
        await submitRun()
      }),

    importRunFile: () =>
      attempt('import the file', async () => {
        const reply = await api.importRunFile()
        if (!reply.ok) return fail(reply.message)
        if (!reply.run) return // the dialog was dismissed
        // An import is filed under no test: the list shows all runs, so the new one is in sight.
        set({ historyScope: 'all', historyNotice: { tone: 'success', text: `Imported the run of ${reply.run.method} ${reply.run.url}.` } })
        await refresh()
      }),

    editMaxRuns: (text) => {
      const check = checkMaxRuns(text)
      set({ maxRunsText: text, maxRunsMessage: check.ok ? undefined : check.message })
    },

    saveMaxRuns: () =>
      attempt('change how many runs are kept', async () => {
        const check = checkMaxRuns(get().maxRunsText)
        if (!check.ok) return set({ maxRunsMessage: check.message })
        const reply = await api.setMaxRuns(check.count)
        if (!reply.ok) return set({ maxRunsMessage: reply.message })
        set({ historyStatus: reply.status, maxRunsText: String(reply.status.maxRuns), maxRunsMessage: undefined })
        await refresh()
      })
  }
}

/** The field still shows the stored setting (or nothing yet): a fresh reading may replace it. */
function untypedMaxRuns(state: HistorySlice): boolean {
  return state.maxRunsText === '' || state.maxRunsText === String(state.historyStatus?.maxRuns)
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
