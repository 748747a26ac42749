import type { FieldErrors } from './validation'
import type { RunPlan } from './run-plan'
import type { RunReport } from './report/run-report'
import type { RunResult, RunSnapshot } from './run-snapshot'
import type { HistoryStatus, RunRecordSummary, StoredRun } from './run-history'
import type { SavedTest, TestDefinition } from './saved-test'
import type { ImportSource } from './import/import-source'
import type { TryOnceResult } from './flow/try-once-result'

/**
 * The one IPC contract. Main implements `Requests` with handle(), preload turns it and `Events`
 * into window.api with buildApi(); nothing else names a channel.
 */
export interface Requests {
  /**
   * The plan and the thresholds' expressions (strings, see src/shared/thresholds.ts) are untrusted
   * input: main validates both and answers with what is wrong if either fails. With `testId` (a
   * saved test's id) the run is filed under that test in the history when it ends.
   */
  startRun(plan: unknown, thresholds?: unknown, testId?: unknown): StartRunReply
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
  /**
   * Main asks where to save (the native dialog) and writes the report there; the page names no path.
   * The last run's report, or with `runId` a stored run's.
   */
  exportReport(format: unknown, runId?: unknown): ExportReply
  /** Main puts the summary, as Markdown, on the clipboard: the last run's, or with `runId` a stored run's. */
  copySummary(runId?: unknown): ExportReply

  /** Saved tests, by name. */
  listTests(): SavedTest[]
  /** Creates a test (no `id`) or replaces one (`id` of an existing test): { id?, name, plan, thresholds }. */
  saveTest(test: unknown): SaveTestReply
  /** A copy of a test under a new name ("<name> (copy)"), without its runs. */
  duplicateTest(testId: unknown): SaveTestReply
  /** Deletes a test; its runs stay in the history, no longer filed under it. */
  deleteTest(testId: unknown): ChangeReply
  /** Stored runs, newest first: a test's (with its id) or all of them. */
  listRuns(testId?: unknown): RunRecordSummary[]
  /** One stored run, whole; undefined when there is none with that id. */
  getRun(runId: unknown): StoredRun | undefined
  deleteRun(runId: unknown): ChangeReply
  /** Marks a run as its test's baseline, or (runId null) clears the test's baseline. */
  setBaseline(testId: unknown, runId: unknown): ChangeReply
  /** Main asks for a result JSON (the native open dialog: the CLI's --json or its report) and stores it in the history. */
  importRunFile(): ImportRunReply
  /** Main asks where to save and writes the test as a test file (YAML, or JSON when the name ends .json). */
  exportTestFile(test: unknown): ExportReply
  /**
   * Main asks for a file (the native open dialog): a test file answers with the test it describes,
   * unsaved; a HAR, a Postman collection or cURL commands with the `source` to review (src/shared/import).
   */
  importTestFile(): ImportTestReply
  /** The same for a file dropped on the window: its name and text, untrusted, read by the page within IMPORT_MAX_BYTES. */
  importDroppedFile(fileName: unknown, text: unknown): ImportTestReply
  /** One iteration of the plan's flow (untrusted: validated as startRun's), each step as sent and answered. */
  tryOnce(plan: unknown): TryOnceReply
  /** Main asks for a data file (the native open dialog), looks at it, and answers with its columns, rows and first rows. */
  chooseDataFile(): DataFileReply
  historyStatus(): HistoryStatus
  /** How many runs the history keeps; the oldest beyond it are deleted at once. */
  setMaxRuns(count: unknown): SetMaxRunsReply
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

export type SaveTestReply = { ok: true; test: SavedTest } | { ok: false; message: string; errors?: FieldErrors }
/** A refusal says why. */
export type ChangeReply = { ok: true } | { ok: false; message: string }
/** A dismissed dialog answers { ok: true } with nothing else. */
export type ImportRunReply = { ok: true; run?: RunRecordSummary } | { ok: false; message: string }
/** `file` names the file read. A bad file's message names the file and says what is wrong, where. */
export type ImportTestReply =
  | { ok: true; test?: TestDefinition; source?: ImportSource; file?: string }
  | { ok: false; message: string }
export type TryOnceReply = { ok: true; result: TryOnceResult } | { ok: false; errors: FieldErrors; message?: string }
/** A dismissed dialog answers { ok: true } with no data; a file that cannot be used says why, naming it. */
export type DataFileReply = { ok: true; data?: DataFilePreview } | { ok: false; message: string }
export interface DataFilePreview {
  /** Absolute: the engines read it. */
  file: string
  columns: string[]
  rows: number
  /** The first rows, by column. */
  preview: Array<Record<string, string>>
}
export type SetMaxRunsReply = { ok: true; status: HistoryStatus } | { ok: false; message: string }

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
  'copySummary',
  'listTests',
  'saveTest',
  'duplicateTest',
  'deleteTest',
  'listRuns',
  'getRun',
  'deleteRun',
  'setBaseline',
  'importRunFile',
  'exportTestFile',
  'importTestFile',
  'importDroppedFile',
  'historyStatus',
  'setMaxRuns',
  'tryOnce',
  'chooseDataFile'
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
