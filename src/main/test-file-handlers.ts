import type { RequestHandlers } from './request-handlers'

/** Test files in and out through main's dialogs. Being built (issue 12): each refuses until then. */
export type TestFileHandlers = Pick<RequestHandlers, 'exportTestFile' | 'importTestFile'>

const NOT_YET = 'Test files are not built yet.'

export function createTestFileHandlers(): TestFileHandlers {
  return {
    exportTestFile: async () => ({ ok: false, message: NOT_YET }),
    importTestFile: async () => ({ ok: false, message: NOT_YET })
  }
}
