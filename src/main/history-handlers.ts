import type { RequestHandlers } from './request-handlers'

/** The saved tests and run history requests. Being built (issue 12): each refuses until then. */
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

const NOT_YET = 'The run history is not built yet.'

export function createHistoryHandlers(): HistoryHandlers {
  return {
    listTests: async () => [],
    saveTest: async () => ({ ok: false, message: NOT_YET }),
    duplicateTest: async () => ({ ok: false, message: NOT_YET }),
    deleteTest: async () => ({ ok: false, message: NOT_YET }),
    listRuns: async () => [],
    getRun: async () => undefined,
    deleteRun: async () => ({ ok: false, message: NOT_YET }),
    setBaseline: async () => ({ ok: false, message: NOT_YET }),
    importRunFile: async () => ({ ok: false, message: NOT_YET }),
    historyStatus: async () => ({ available: false, message: NOT_YET, runCount: 0, maxRuns: 0, sizeBytes: 0, location: '' }),
    setMaxRuns: async () => ({ ok: false, message: NOT_YET })
  }
}
