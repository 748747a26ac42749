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
        text: `Finished ${formatCount(result.total)} requests in ${formatDuration(result.elapsedMs)}.`
      }
    case 'cancelled':
      return {
        tone: 'warning',
        text: `Cancelled after ${formatCount(result.done)} of ${formatCount(result.total)} requests.`
      }
    case 'crashed':
      return {
        tone: 'error',
        text: result.message ?? crashMessage()
      }
  }
}
