import type { LastReportReply, ReportFormat } from '../../../shared/ipc'
import type { SliceCreator } from '../app/stampede-store'

export type ResultsView = 'live' | 'summary'

/** What the last export or copy did, in a line next to the buttons. */
export interface ExportNotice {
  tone: 'success' | 'error'
  text: string
  /** The stored run it concerns; undefined for the last run. */
  runId?: number
}

/**
 * The finished run's report as main holds it (the one report every export is written from), which
 * view is shown, and how the last export went. The page never sends a path or a file's contents:
 * main asks where to save and writes it.
 */
export interface ResultsSlice {
  lastReport: LastReportReply
  resultsView: ResultsView
  exportNotice: ExportNotice | undefined
  /** For the run slice: its run ended; fetch that run's report. */
  loadReport(runId: number): Promise<void>
  showResultsView(view: ResultsView): void
  /** The last run's report, or with `runId` a stored run's. */
  exportReport(format: ReportFormat, runId?: number): Promise<void>
  copySummary(runId?: number): Promise<void>
}

const FORMAT_NAMES: Record<ReportFormat, string> = { json: 'JSON report', csv: 'CSV series', html: 'HTML report' }

export const createResultsSlice: SliceCreator<ResultsSlice> = (api) => (set) => ({
  lastReport: undefined,
  resultsView: 'live',
  exportNotice: undefined,
  loadReport: async (runId) => {
    try {
      const reply = await api.lastReport()
      if (reply?.runId === runId) set({ lastReport: reply, exportNotice: undefined })
    } catch (error) {
      set({ exportNotice: { tone: 'error', text: `Could not load the summary: ${reasonOf(error)}` } })
    }
  },
  showResultsView: (view) => set({ resultsView: view }),
  exportReport: async (format, runId) => {
    const notice = (tone: ExportNotice['tone'], text: string) => set({ exportNotice: { tone, text, runId } })
    try {
      const reply = await (runId === undefined ? api.exportReport(format) : api.exportReport(format, runId))
      if (!reply.ok) notice('error', reply.message ?? 'The export was refused.')
      else if (reply.saved) notice('success', `Saved the ${FORMAT_NAMES[format]} to ${reply.saved}`)
    } catch (error) {
      notice('error', `Could not export: ${reasonOf(error)}`)
    }
  },
  copySummary: async (runId) => {
    const notice = (tone: ExportNotice['tone'], text: string) => set({ exportNotice: { tone, text, runId } })
    try {
      const reply = await (runId === undefined ? api.copySummary() : api.copySummary(runId))
      if (reply.ok) notice('success', 'Copied the summary as Markdown.')
      else notice('error', reply.message ?? 'The copy was refused.')
    } catch (error) {
      notice('error', `Could not copy: ${reasonOf(error)}`)
    }
  }
})

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
