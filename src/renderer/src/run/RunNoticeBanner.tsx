import { selectNotice } from './run-selectors'
import { useStampede } from '../app/use-stampede'

const ICONS = { success: '✓', warning: '■', error: '!' } as const

/** The live region stays mounted so screen readers announce each new notice. */
export function RunNoticeBanner() {
  const notice = useStampede(selectNotice)
  return (
    <div className="notice-slot" role="status">
      {notice && (
        <p className={`notice notice-${notice.tone}`}>
          <span className="notice-icon" aria-hidden="true">
            {ICONS[notice.tone]}
          </span>
          {notice.text}
        </p>
      )}
    </div>
  )
}
