import { useStampede } from '../app/use-stampede'
import { selectExportNotice } from '../results/results-selectors'
import { selectHistoryNotice } from './history-selectors'

/**
 * What the last change did (a failed import says why) and, `withExports`, how a stored run's export or
 * copy went (where no export bar of the run's own says so).
 */
export function HistoryNoticeLine({ withExports }: { withExports: boolean }) {
  const notice = useStampede(selectHistoryNotice)
  const exportNotice = useStampede(selectExportNotice)
  const shown = [notice, withExports && exportNotice?.runId !== undefined ? exportNotice : undefined].filter((line) => line !== undefined)
  return (
    <div className="notice-slot" role="status">
      {shown.map((line) => (
        <p key={line.text} className={`notice notice-${line.tone}`}>
          <span className="notice-icon" aria-hidden="true">
            {line.tone === 'success' ? '✓' : '!'}
          </span>
          {line.text}
        </p>
      ))}
    </div>
  )
}
