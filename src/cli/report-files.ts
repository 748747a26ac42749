import { writeFileSync } from 'node:fs'
import { htmlReport } from '../shared/report/html-report'
import { junitXml } from '../shared/report/junit'
import { markdownSummary } from '../shared/report/markdown-summary'
import { reportJson, type RunReport } from '../shared/report/run-report'
import { seriesCsv } from '../shared/report/series-csv'
import type { ReportFormat, RunCommand } from './arguments'

const WRITERS: Record<ReportFormat, (report: RunReport) => string> = {
  html: htmlReport,
  json: reportJson,
  markdown: markdownSummary
}

const NAMES: Record<ReportFormat, string> = { html: 'HTML report', json: 'JSON report', markdown: 'Markdown summary' }

/**
 * Writes --report, --csv and --junit with the same writers as the app's export. Returns a line per file
 * written, and the problems of those that could not be (the run's results are printed regardless).
 */
export function writeReportFiles(outputs: RunCommand['outputs'], report: RunReport): { written: string[]; problems: string[] } {
  const written: string[] = []
  const problems: string[] = []
  const write = (path: string, name: string, text: string): void => {
    try {
      writeFileSync(path, text)
      written.push(`Wrote the ${name} to ${path}`)
    } catch (error) {
      problems.push(`could not write the ${name} to ${path}: ${(error as Error).message}`)
    }
  }
  if (outputs.report) write(outputs.report.path, NAMES[outputs.report.format], WRITERS[outputs.report.format](report))
  if (outputs.csv) write(outputs.csv, 'series (CSV)', seriesCsv(report))
  if (outputs.junit) write(outputs.junit, 'JUnit XML', junitXml(report))
  return { written, problems }
}
