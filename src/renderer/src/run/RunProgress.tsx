import { useShallow } from 'zustand/react/shallow'
import { flooredPercent, formatCount, formatDuration, formatPercent } from '../../../shared/format'
import { selectProgress } from './run-selectors'
import { useStampede } from '../app/use-stampede'

const HEADINGS = { requests: 'Requests completed', iterations: 'Iterations completed', time: 'Time elapsed' } as const

/** The bar moves by transform, which the compositor animates between ticks without layout. */
export function RunProgress() {
  const { runId, measure, done, total, outcome } = useStampede(useShallow(selectProgress))
  const fraction = total > 0 ? Math.min(done / total, 1) : 0
  const format = measure === 'time' ? formatDuration : formatCount
  const count = `${format(done)} / ${format(total)}`
  const percent = formatPercent(done, total)
  return (
    <section className="panel progress-panel" aria-labelledby="progress-heading">
      <div className="progress-heading">
        <h2 id="progress-heading">{HEADINGS[measure]}</h2>
        <span className="progress-figures">
          <span className="progress-count">{count}</span>
          <span className="progress-percent">{percent}</span>
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={flooredPercent(done, total)}
        aria-valuetext={`${count} (${percent})`}
        className="progress-track"
      >
        {/* A new run gets a new bar, so it does not animate backwards from the last one. */}
        <div
          key={runId ?? 'starting'}
          className={outcome ? `progress-fill progress-fill-${outcome}` : 'progress-fill'}
          style={{ transform: `scaleX(${fraction})` }}
        />
      </div>
    </section>
  )
}
