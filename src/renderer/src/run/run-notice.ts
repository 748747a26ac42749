import { crashMessage, type RunResult } from '../../../shared/run-snapshot'
import { formatCount, formatDuration } from '../../../shared/format'

/** One line under the form telling how the last run went, or why it could not start. */
export interface RunNotice {
  tone: 'success' | 'warning' | 'error'
  text: string
}

/** What the notice says once a run has ended. */
export function noticeFor(result: RunResult): RunNotice {
  switch (result.outcome) {
    case 'finished':
      return {
        tone: 'success',
        // done, not total: a run the clock ends plans no count (total 0), and one may end before its count.
        text: `Finished ${formatCount(result.done)} requests in ${formatDuration(result.elapsedMs)}.`
      }
    case 'cancelled':
      return {
        tone: 'warning',
        text:
          result.total > 0
            ? `Cancelled after ${formatCount(result.done)} of ${formatCount(result.total)} requests.`
            : `Cancelled after ${formatCount(result.done)} requests in ${formatDuration(result.elapsedMs)}.`
      }
    case 'crashed':
      return {
        tone: 'error',
        text: result.message ?? crashMessage()
      }
  }
}
