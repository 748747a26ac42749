import type { ImportRunReply, StampedeApi } from '../../src/shared/ipc'
import { buildRunReport, thresholdsPassed } from '../../src/shared/report/run-report'
import { MAX_RUNS_LIMITS, type HistoryStatus, type RunRecordSummary, type StoredRun } from '../../src/shared/run-history'
import type { RunInterval } from '../../src/shared/run-interval'
import type { RunPlan } from '../../src/shared/run-plan'
import type { RunResult } from '../../src/shared/run-snapshot'
import { parseThreshold, type Threshold } from '../../src/shared/thresholds'
import { result } from './factories'
import { planOf } from './plans'

export const HISTORY_PLAN: RunPlan = planOf({ url: 'http://127.0.0.1:8080/', totalRequests: 100, concurrency: 4 })

export interface StoredRunOptions {
  testId?: number | null
  testName?: string | null
  startedAt?: string
  plan?: RunPlan
  result?: Partial<RunResult>
  thresholds?: string[]
  points?: RunInterval[]
  source?: 'app' | 'import'
}

/**
 * Main's run history, in memory with main's contract: runs newest first, a test's baseline unique,
 * deletes and imports answered as main answers them. Records the requests it was sent.
 */
export class FakeRunHistory {
  readonly runs = new Map<number, StoredRun>()
  readonly requests: Array<[name: string, ...args: unknown[]]> = []
  maxRuns: number = MAX_RUNS_LIMITS.default
  /** What the next importRunFile answers (the dialog dismissed by default). */
  importReply: () => ImportRunReply = () => ({ ok: true })
  status: Partial<HistoryStatus> = {}
  private nextId = 1

  add(options: StoredRunOptions = {}): StoredRun {
    const id = this.nextId++
    const plan = options.plan ?? HISTORY_PLAN
    const thresholds = (options.thresholds ?? []).map(parsed)
    const startedAt = options.startedAt ?? new Date(Date.UTC(2026, 10, 29, 5, id)).toISOString()
    const runResult = result({ runId: id, statusCodes: { '200': 100 }, elapsedMs: 1000, requestsPerSecond: 100 * id, ...options.result })
    const report = buildRunReport({ plan, result: runResult, workers: 1, thresholds, startedAt })
    if (options.points) report.series = { bucketMs: 100, points: options.points }
    const source = options.source ?? 'app'
    const summary: RunRecordSummary = {
      id,
      testId: options.testId ?? null,
      testName: options.testName ?? null,
      startedAt,
      outcome: report.outcome,
      url: report.url,
      method: report.method,
      rps: report.rps,
      p99Ms: report.latencyMs.p99,
      errorRate: report.errorRate,
      thresholdsPassed: thresholds.length === 0 ? null : thresholdsPassed(report),
      source,
      isBaseline: false
    }
    const run: StoredRun = { ...summary, report, plan: source === 'import' ? null : plan, thresholds: options.thresholds ?? [] }
    this.runs.set(id, run)
    return run
  }

  api(): Pick<
    StampedeApi,
    'listRuns' | 'getRun' | 'deleteRun' | 'setBaseline' | 'importRunFile' | 'historyStatus' | 'setMaxRuns'
  > {
    const record = (name: string, ...args: unknown[]) => this.requests.push([name, ...args])
    return {
      listRuns: async (...args) => {
        record('listRuns', ...args)
        const [testId] = args
        return [...this.runs.values()]
          .filter((run) => testId === undefined || run.testId === testId)
          .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
          .map(({ report: _report, plan: _plan, thresholds: _thresholds, ...summary }) => summary)
      },
      getRun: async (runId) => {
        record('getRun', runId)
        return this.runs.get(runId as number)
      },
      deleteRun: async (runId) => {
        record('deleteRun', runId)
        return this.runs.delete(runId as number) ? { ok: true } : { ok: false, message: `No run ${String(runId)}.` }
      },
      setBaseline: async (testId, runId) => {
        record('setBaseline', testId, runId)
        for (const run of this.runs.values()) {
          if (run.testId === testId) run.isBaseline = run.id === runId
        }
        return { ok: true }
      },
      importRunFile: async () => {
        record('importRunFile')
        return this.importReply()
      },
      historyStatus: async () => this.currentStatus(),
      setMaxRuns: async (count) => {
        record('setMaxRuns', count)
        this.maxRuns = count as number
        return { ok: true, status: this.currentStatus() }
      }
    }
  }

  private currentStatus(): HistoryStatus {
    return { available: true, runCount: this.runs.size, maxRuns: this.maxRuns, sizeBytes: 4096, location: '/fake/history.sqlite', ...this.status }
  }
}

function parsed(expression: string): Threshold {
  const check = parseThreshold(expression)
  if (!check.ok) throw new Error(check.message)
  return check.threshold
}
