import { useStampede } from '../app/use-stampede'
import { selectHistoryStatus } from './history-selectors'

/** What the user must know about the history itself (a damaged file set aside, a locked or unusable one), first. */
export function HistoryStatusBanner() {
  const status = useStampede(selectHistoryStatus)
  if (!status?.message) return null
  return (
    <p className={`notice ${status.available ? 'notice-warning' : 'notice-error'}`} role="alert">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      {status.message}
    </p>
  )
}
