import { basename } from 'node:path'
import { MAX_RUNS_LIMITS } from '../shared/run-history'
import { parseReportText, REPORT_FILE_MAX_BYTES } from '../shared/report/report-file'
import { sameTestName } from '../shared/test-name'
import { checkTestDefinition } from '../shared/saved-test'
import type { HistoryStore } from '../control/history/history-store'
import { runOfImport } from '../control/history/runs-to-keep'
import { pickedPath, type FileDestinations } from './file-destinations'
import { refuseExtraArguments, type RequestHandlers } from './handler-contract'

/** The saved tests and run history requests. */
export type HistoryHandlers = Pick<
  RequestHandlers,
  | 'listTests'
  | 'saveTest'
  | 'duplicateTest'
  | 'deleteTest'
  | 'listRuns'
  | 'getRun'
  | 'deleteRun'
  | 'setBaseline'
  | 'importRunFile'
  | 'historyStatus'
  | 'setMaxRuns'
>

const RESULT_FILTERS = [{ name: 'Stampede result JSON', extensions: ['json'] }]

const NO_TEST = 'There is no saved test with that id.'
const NO_RUN = 'There is no stored run with that id.'

/** A test's or a run's id as the database gives them: a positive whole number. */
export function isRecordId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

function recordId(name: 'test' | 'run', value: unknown): number {
  if (!isRecordId(value)) throw new TypeError(`A ${name} id is a positive whole number.`)
  return value
}

/** An error of the history (unavailable, locked, damaged) as a refusal that says why. */
function refusal(error: unknown): { ok: false; message: string } {
  return { ok: false, message: (error as Error).message }
}

/**
 * Every argument comes from the page, which is not trusted: ids must be positive whole numbers, a
 * test passes the one check of a test, a run limit is within MAX_RUNS_LIMITS, and stray arguments
 * are refused. A file to import is only ever one the user picked in main's own dialog.
 */
export function createHistoryHandlers(history: HistoryStore, destinations: FileDestinations, now = () => new Date()): HistoryHandlers {
  return {
    listTests: async (...extra: unknown[]) => {
      refuseExtraArguments('listTests', 0, extra)
      return history.listTests()
    },
    saveTest: async (test: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('saveTest', 1, extra)
      const check = checkTestDefinition(test)
      if (!check.ok) return check
      const id = Object.hasOwn(test as object, 'id') ? (test as { id: unknown }).id : undefined
      if (id !== undefined && !isRecordId(id)) return { ok: false, message: 'A test id is a positive whole number.' }
      try {
        // One name, one test: the sidebar says so as it is typed; main holds to it whatever the page sends.
        const namesake = history.listTests().find((other) => other.id !== id && sameTestName(other.name, check.test.name))
        if (namesake) return { ok: false, message: `A test named ${namesake.name} already exists: choose another name.` }
        const saved = history.saveTest(check.test, id)
        return saved ? { ok: true, test: saved } : { ok: false, message: NO_TEST }
      } catch (error) {
        return refusal(error)
      }
    },
    duplicateTest: async (testId: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('duplicateTest', 1, extra)
      if (!isRecordId(testId)) return { ok: false, message: 'A test id is a positive whole number.' }
      try {
        const copy = history.duplicateTest(testId)
        return copy ? { ok: true, test: copy } : { ok: false, message: NO_TEST }
      } catch (error) {
        return refusal(error)
      }
    },
    deleteTest: async (testId: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('deleteTest', 1, extra)
      if (!isRecordId(testId)) return { ok: false, message: 'A test id is a positive whole number.' }
      try {
        return history.deleteTest(testId) ? { ok: true } : { ok: false, message: NO_TEST }
      } catch (error) {
        return refusal(error)
      }
    },
    listRuns: async (testId?: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('listRuns', 1, extra)
      return history.listRuns(testId === undefined ? undefined : recordId('test', testId))
    },
    getRun: async (runId: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('getRun', 1, extra)
      return history.getRun(recordId('run', runId))
    },
    deleteRun: async (runId: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('deleteRun', 1, extra)
      if (!isRecordId(runId)) return { ok: false, message: 'A run id is a positive whole number.' }
      try {
        return history.deleteRun(runId) ? { ok: true } : { ok: false, message: NO_RUN }
      } catch (error) {
        return refusal(error)
      }
    },
    setBaseline: async (testId: unknown, runId: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('setBaseline', 2, extra)
      if (!isRecordId(testId)) return { ok: false, message: 'A test id is a positive whole number.' }
      if (runId !== null && !isRecordId(runId)) return { ok: false, message: 'A baseline is a run id, or null for none.' }
      try {
        const problem = history.setBaseline(testId, runId)
        return problem === undefined ? { ok: true } : { ok: false, message: problem }
      } catch (error) {
        return refusal(error)
      }
    },
    importRunFile: async (...extra: unknown[]) => {
      refuseExtraArguments('importRunFile', 0, extra)
      // Said before the dialog: picking a file that cannot be kept would be wasted.
      if (!history.available) return { ok: false, message: history.status().message ?? 'The run history is not available.' }
      const picked = await pickedPath(() => destinations.chooseOpenPath(RESULT_FILTERS, 'result'))
      if ('ok' in picked) return picked
      const { path } = picked
      if (path === undefined) return { ok: true }
      const name = basename(path)
      let text: string
      try {
        text = await destinations.readFile(path, REPORT_FILE_MAX_BYTES)
      } catch (error) {
        return { ok: false, message: `${name} could not be read: ${(error as Error).message}` }
      }
      const parsed = parseReportText(text)
      if (!parsed.ok) return { ok: false, message: `${name} is not a Stampede result (the CLI's --json or its report JSON): ${parsed.message}` }
      try {
        return { ok: true, run: history.storeRun(runOfImport(parsed.report, now())) }
      } catch (error) {
        return refusal(error)
      }
    },
    historyStatus: async (...extra: unknown[]) => {
      refuseExtraArguments('historyStatus', 0, extra)
      return history.status()
    },
    setMaxRuns: async (count: unknown, ...extra: unknown[]) => {
      refuseExtraArguments('setMaxRuns', 1, extra)
      if (typeof count !== 'number' || !Number.isInteger(count) || count < MAX_RUNS_LIMITS.min || count > MAX_RUNS_LIMITS.max) {
        return { ok: false, message: `Keep from ${MAX_RUNS_LIMITS.min} to ${MAX_RUNS_LIMITS.max.toLocaleString('en-US')} runs.` }
      }
      try {
        history.setMaxRuns(count)
        return { ok: true, status: history.status() }
      } catch (error) {
        return refusal(error)
      }
    }
  }
}

/** The saved test a run is to be filed under (startRun's third argument): none, or an existing test's id. */
export function checkFiledUnder(history: HistoryStore, testId: unknown): { ok: true; testId?: number } | { ok: false; message: string } {
  if (testId === undefined) return { ok: true }
  if (!isRecordId(testId)) return { ok: false, message: 'A test id is a positive whole number.' }
  if (!history.available) return { ok: false, message: `The run cannot be filed under a test: ${history.status().message ?? 'the run history is not available.'}` }
  try {
    return history.getTest(testId) ? { ok: true, testId } : { ok: false, message: NO_TEST }
  } catch (error) {
    return refusal(error)
  }
}
