import { isReportFormat, type ExportReply, type LastReportReply, type ReportFormat } from '../shared/ipc'
import { htmlReport } from '../shared/report/html-report'
import { markdownSummary } from '../shared/report/markdown-summary'
import { reportJson, type RunReport } from '../shared/report/run-report'
import { seriesCsv } from '../shared/report/series-csv'
import type { LastRun } from '../control/last-run'

import type { FileDestinations, FileFilter } from './file-destinations'

const FILTERS: Record<ReportFormat, FileFilter> = {
  json: { name: 'JSON report', extensions: ['json'] },
  csv: { name: 'CSV series', extensions: ['csv'] },
  html: { name: 'HTML report', extensions: ['html'] }
}

const WRITERS: Record<ReportFormat, (report: RunReport) => string> = {
  json: reportJson,
  csv: seriesCsv,
  html: htmlReport
}

const NOTHING_YET = 'No run has ended yet: there is nothing to export.'

/**
 * The page asks for a format only: the report comes from the last run main holds, and the file goes
 * only where the user pointed the dialog. A format outside REPORT_FORMATS is refused before any dialog.
 */
export function createReportExport(lastRun: LastRun, destinations: FileDestinations) {
  return {
    lastReport: async (): Promise<LastReportReply> => {
      const finished = lastRun.finished()
      return finished ? { runId: finished.runId, report: finished.report } : undefined
    },
    exportReport: async (format: unknown): Promise<ExportReply> => {
      if (!isReportFormat(format)) return { ok: false, message: 'Export as json, csv or html.' }
      const finished = lastRun.finished()
      if (!finished) return { ok: false, message: NOTHING_YET }
      const path = await destinations.chooseSavePath(
        reportFileName(finished.plan.url, finished.startedAt, format),
        [FILTERS[format]]
      )
      if (path === undefined) return { ok: true }
      await destinations.writeFile(path, WRITERS[format](finished.report))
      return { ok: true, saved: path }
    },
    copySummary: async (): Promise<ExportReply> => {
      const finished = lastRun.finished()
      if (!finished) return { ok: false, message: NOTHING_YET }
      destinations.writeClipboard(markdownSummary(finished.report))
      return { ok: true }
    }
  }
}

/** `stampede-HOST-YYYY-MM-DDTHH-MM.FORMAT`, in local time: the target and when, at a glance in a folder. */
export function reportFileName(url: string, startedAt: Date, format: ReportFormat): string {
  let host = 'target'
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  } catch {
    // A plan's URL was valid when the run started; a name is still given if it is not.
  }
  const safeHost = host.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'target'
  const two = (value: number): string => String(value).padStart(2, '0')
  const time =
    `${startedAt.getFullYear()}-${two(startedAt.getMonth() + 1)}-${two(startedAt.getDate())}` +
    `T${two(startedAt.getHours())}-${two(startedAt.getMinutes())}`
  return `stampede-${safeHost}-${time}.${format}`
}
