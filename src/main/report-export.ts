import { basename } from 'node:path'
import { isReportFormat, type ExportReply, type LastReportReply, type ReportFormat } from '../shared/ipc'
import { htmlReport } from '../shared/report/html-report'
import { markdownSummary } from '../shared/report/markdown-summary'
import { reportJson, type RunReport } from '../shared/report/run-report'
import { seriesCsv } from '../shared/report/series-csv'
import type { StoredRun } from '../shared/run-history'
import type { LastRun } from '../control/last-run'

import { pickedPath, type FileDestinations, type FileFilter } from './file-destinations'
import { isRecordId } from './history-handlers'

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

/** Where stored runs are read from: the run history. */
export interface StoredRuns {
  getRun(id: number): StoredRun | undefined
}

/** A report to export, with what its file is named after. */
interface ReportSource {
  report: RunReport
  url: string
  startedAt: Date
}

/**
 * The page asks for a format (and a stored run's id) only: the report comes from the last run main
 * holds or from the history, and the file goes only where the user pointed the dialog. A format
 * outside REPORT_FORMATS, or an id that is not one, is refused before any dialog.
 */
export function createReportExport(lastRun: LastRun, storedRuns: StoredRuns, destinations: FileDestinations) {
  /** The last run's report (runId undefined) or a stored run's, or why there is none. */
  const sourceOf = (runId: unknown): ReportSource | { refused: string } => {
    if (runId === undefined) {
      const finished = lastRun.finished()
      return finished ? { report: finished.report, url: finished.plan.url, startedAt: finished.startedAt } : { refused: NOTHING_YET }
    }
    if (!isRecordId(runId)) return { refused: 'A run id is a positive whole number.' }
    let stored: StoredRun | undefined
    try {
      stored = storedRuns.getRun(runId)
    } catch (error) {
      return { refused: (error as Error).message }
    }
    return stored ? { report: stored.report, url: stored.url, startedAt: new Date(stored.startedAt) } : { refused: 'There is no stored run with that id.' }
  }
  return {
    lastReport: async (): Promise<LastReportReply> => {
      const finished = lastRun.finished()
      return finished ? { runId: finished.runId, report: finished.report } : undefined
    },
    exportReport: async (format: unknown, runId?: unknown): Promise<ExportReply> => {
      if (!isReportFormat(format)) return { ok: false, message: 'Export as json, csv or html.' }
      const source = sourceOf(runId)
      if ('refused' in source) return { ok: false, message: source.refused }
      const picked = await pickedPath(() =>
        destinations.chooseSavePath(reportFileName(source.url, source.startedAt, format), [FILTERS[format]], 'report')
      )
      if ('ok' in picked) return picked
      const { path } = picked
      if (path === undefined) return { ok: true }
      try {
        await destinations.writeFile(path, WRITERS[format](source.report))
      } catch (error) {
        return { ok: false, message: `${basename(path)} could not be written: ${(error as Error).message}` }
      }
      return { ok: true, saved: path }
    },
    copySummary: async (runId?: unknown): Promise<ExportReply> => {
      const source = sourceOf(runId)
      if ('refused' in source) return { ok: false, message: source.refused }
      // Answered once the text is there: a failed write is said, not shown as copied.
      try {
        await destinations.writeClipboard(markdownSummary(source.report))
      } catch (error) {
        return { ok: false, message: `The summary could not be copied: ${(error as Error).message}` }
      }
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
  // An imported report's date may not parse: the file is still named.
  if (Number.isNaN(startedAt.getTime())) return `stampede-${safeHost}.${format}`
  const time =
    `${startedAt.getFullYear()}-${two(startedAt.getMonth() + 1)}-${two(startedAt.getDate())}` +
    `T${two(startedAt.getHours())}-${two(startedAt.getMinutes())}`
  return `stampede-${safeHost}-${time}.${format}`
}
