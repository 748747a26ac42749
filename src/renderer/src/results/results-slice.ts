import type { LastReportReply, ReportFormat } from '../../../shared/ipc'
import type { SliceCreator } from '../app/stampede-store'

export type ResultsView = 'live' | 'summary'

/** What the last export or copy did, in a line next to the buttons. */
export interface ExportNotice {
  tone: 'success' | 'error'
  text: string
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
  exportReport(format: ReportFormat): Promise<void>
  copySummary(): Promise<void>
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
  exportReport: async (format) => {
    try {
      const reply = await api.exportReport(format)
      if (!reply.ok) set({ exportNotice: { tone: 'error', text: reply.message ?? 'The export was refused.' } })
      else if (reply.saved) set({ exportNotice: { tone: 'success', text: `Saved the ${FORMAT_NAMES[format]} to ${reply.saved}` } })
    } catch (error) {
      set({ exportNotice: { tone: 'error', text: `Could not export: ${reasonOf(error)}` } })
    }
  },
  copySummary: async () => {
    try {
      const reply = await api.copySummary()
      set({
        exportNotice: reply.ok
          ? { tone: 'success', text: 'Copied the summary as Markdown.' }
          : { tone: 'error', text: reply.message ?? 'The copy was refused.' }
      })
    } catch (error) {
      set({ exportNotice: { tone: 'error', text: `Could not copy: ${reasonOf(error)}` } })
    }
  }
})

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
