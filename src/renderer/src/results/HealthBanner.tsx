import { useStampede } from '../app/use-stampede'
import { selectHealthNotice } from './live-selectors'

/** Says plainly, while it happens, when Stampede rather than the target limits the run. */
export function HealthBanner() {
  const notice = useStampede(selectHealthNotice)
  if (!notice) return null
  return (
    <p className="notice notice-warning health-banner" role="alert">
      <span className="notice-icon" aria-hidden="true">
        !
      </span>
      {notice}
    </p>
  )
}
