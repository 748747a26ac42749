import type { FieldErrors } from './validation'
import type { RunPlan } from './run-plan'
import type { RunReport } from './report/run-report'
import type { RunResult, RunSnapshot } from './run-snapshot'

/**
 * The one IPC contract. Main implements `Requests` with handle(), preload turns it and `Events`
 * into window.api with buildApi(); nothing else names a channel.
 */
export interface Requests {
  /**
   * The plan and the thresholds' expressions (strings, see src/shared/thresholds.ts) are untrusted
   * input: main validates both and answers with what is wrong if either fails.
   */
  startRun(plan: unknown, thresholds?: unknown): StartRunReply
  /** Resolves once the engine has stopped starting requests (or at once when nothing runs). */
  cancelRun(): CancelRunReply
  /** Starts (or reuses) the built-in demo target and returns a URL pointing at it. */
  startDemoTarget(): DemoTargetReply
  /** The plan remembered from the last run, read from the app's data folder; nothing the first time. */
  loadLastPlan(): LastPlanReply
  /** Remembers a plan for the next time the app opens; untrusted input, validated like startRun's. */
  saveLastPlan(plan: unknown): SaveLastPlanReply
  /** The report of the last run that ended, as main will export it; undefined before any. */
  lastReport(): LastReportReply
  /** Main asks where to save (the native dialog) and writes the last run's report there; the page names no path. */
  exportReport(format: unknown): ExportReply
  /** Main puts the last run's summary, as Markdown, on the clipboard. */
  copySummary(): ExportReply
}

export type StartRunReply =
  | { ok: true; runId: number }
  | { ok: false; errors: FieldErrors; message?: string }
export type CancelRunReply = { cancelled: boolean; done: number }
export type DemoTargetReply = { url: string }
/** `message` says why a remembered plan could not be used (it is then left out), never a crash. */
export type LastPlanReply = { plan?: RunPlan; message?: string }
export type SaveLastPlanReply = { saved: true } | { saved: false; message: string }
export type LastReportReply = { runId: number; report: RunReport } | undefined
/** `saved` names the file written; a refusal says why, a dismissed dialog says nothing. */
export type ExportReply = { ok: true; saved?: string } | { ok: false; message?: string }

/** What a report can be exported as: the JSON report with its series, the series as CSV, or one HTML page. */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
export const isReportFormat = (value: unknown): value is ReportFormat =>
  typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value)

/** Main -> renderer. */
export interface Events {
  progress: RunSnapshot
  done: RunResult
}

export type RequestName = keyof Requests
export type EventName = keyof Events
export const REQUEST_NAMES = [
  'startRun',
  'cancelRun',
  'startDemoTarget',
  'loadLastPlan',
  'saveLastPlan',
  'lastReport',
  'exportReport',
  'copySummary'
] as const satisfies readonly RequestName[]

/** Does not compile while a request of the contract is missing from REQUEST_NAMES (buildApi serves only those). */
export const EVERY_REQUEST_NAMED: [Exclude<RequestName, (typeof REQUEST_NAMES)[number]>] extends [never] ? true : never = true

/** Channel names are namespaced so they cannot collide with Electron's own. */
export const requestChannel = (name: RequestName): string => `stampede:${name}`
export const eventChannel = (name: EventName): string => `stampede:event:${name}`

export type Unsubscribe = () => void

/** Each request as the renderer calls it: the same arguments, the reply as a promise. */
export type RequestApi = {
  [K in RequestName]: (...args: Parameters<Requests[K]>) => Promise<ReturnType<Requests[K]>>
}

export type StampedeApi = RequestApi & {
  onProgress(listener: (snapshot: RunSnapshot) => void): Unsubscribe
  onDone(listener: (result: RunResult) => void): Unsubscribe
}

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => Unsubscribe

/** Builds window.api from two transport functions, so the preload and test bridges are one shape. */
export function buildApi(invoke: Invoke, subscribe: Subscribe): StampedeApi {
  // One function per request name, each passing its arguments through: a new request needs no line here.
  const requests = Object.fromEntries(
    REQUEST_NAMES.map((name) => [name, (...args: unknown[]) => invoke(requestChannel(name), ...args)])
  ) as RequestApi
  return {
    ...requests,
    onProgress: (listener) =>
      subscribe(eventChannel('progress'), (payload) => listener(payload as RunSnapshot)),
    onDone: (listener) => subscribe(eventChannel('done'), (payload) => listener(payload as RunResult))
  }
}
