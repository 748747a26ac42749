import { inspectDataFile } from '../control/data-file'
import { firstDataRows } from '../control/data-preview'
import { tryOnce } from '../control/try-once'
import type { DataFileReply, TryOnceReply } from '../shared/ipc'
import { checkRunPlan } from '../shared/validation'
import { pickedPath, type FileDestinations } from './file-destinations'
import { refuseExtraArguments } from './handler-contract'

const DATA_FILTERS = [{ name: 'Data file (CSV or JSON)', extensions: ['csv', 'json'] }]
/** Rows shown under the data file in the designer. */
const PREVIEW_ROWS = 5

/**
 * The designer's flow requests. Try once takes a plan like startRun (judged by the one validation)
 * and looks at its data file again here rather than trust the columns the page sent; the page
 * never names a path of its own: a data file is one the user picked in the dialog.
 */
export function createFlowHandlers(destinations: FileDestinations) {
  return {
    tryOnce: async (plan: unknown, ...extra: unknown[]): Promise<TryOnceReply> => {
      refuseExtraArguments('tryOnce', 1, extra)
      const check = checkRunPlan(plan)
      if (!check.ok) return check
      const data = check.plan.flow?.data
      if (data) {
        const read = inspectDataFile(data.file)
        if (!read.ok) return { ok: false, errors: {}, message: read.message }
      }
      const outcome = await tryOnce(check.plan)
      if (!outcome.ok) return { ok: false, errors: {}, message: outcome.problems.map((problem) => problem.message).join(' ') }
      return { ok: true, result: outcome.result }
    },
    chooseDataFile: async (...extra: unknown[]): Promise<DataFileReply> => {
      refuseExtraArguments('chooseDataFile', 0, extra)
      const picked = await pickedPath(() => destinations.chooseOpenPath(DATA_FILTERS, 'data-file'))
      if ('ok' in picked) return picked
      const { path } = picked
      if (path === undefined) return { ok: true }
      const read = inspectDataFile(path)
      if (!read.ok) return { ok: false, message: read.message }
      return { ok: true, data: { file: read.path, columns: read.columns, rows: read.rows, preview: firstDataRows(read.path, PREVIEW_ROWS) } }
    }
  }
}
