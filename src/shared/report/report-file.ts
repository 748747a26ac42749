import type { RunReport } from './run-report'

/*
 * PLACEHOLDER, replaced by branch wt-compare's module of the same name (the zod schema of the report).
 * Only the signature is relied on: it checks just the fields the run history reads.
 */
export function parseReportText(text: string): { ok: true; report: RunReport } | { ok: false; message: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: `not JSON (${(error as Error).message})` }
  }
  const report = value as Partial<RunReport> | null
  if (typeof report !== 'object' || report === null || Array.isArray(report)) return { ok: false, message: 'not a report object' }
  const problems = [
    typeof report.url === 'string' ? '' : 'url',
    typeof report.method === 'string' ? '' : 'method',
    typeof report.rps === 'number' ? '' : 'rps',
    typeof report.errorRate === 'number' ? '' : 'errorRate',
    typeof report.latencyMs?.p99 === 'number' ? '' : 'latencyMs.p99',
    ['finished', 'cancelled', 'crashed'].includes(report.outcome as string) ? '' : 'outcome',
    Array.isArray(report.thresholds) ? '' : 'thresholds'
  ].filter(Boolean)
  if (problems.length > 0) return { ok: false, message: `missing or wrong: ${problems.join(', ')}` }
  return { ok: true, report: report as RunReport }
}
