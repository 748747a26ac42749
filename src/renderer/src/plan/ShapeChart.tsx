import { formatCount, formatDuration } from '../../../shared/format'
import type { ShapePreview } from './plan-selectors'

const WIDTH = 320
const HEIGHT = 110
/** Room for the axis figures. */
const PAD = { left: 36, right: 8, top: 8, bottom: 18 }

/**
 * The load shape as a line: the start, then each stage's end at its target, straight between (the
 * ramps are linear, so the corners are the whole shape). Redrawn from the store on every edit.
 */
export function ShapeChart({ shape }: { shape: ShapePreview | undefined }) {
  if (!shape) {
    return (
      <figure className="shape-chart">
        <div className="shape-chart-empty">The shape shows here once every stage has a duration and a target.</div>
      </figure>
    )
  }
  const { start, stages, totalMs, peak, unit, requests } = shape
  const plotWidth = WIDTH - PAD.left - PAD.right
  const plotHeight = HEIGHT - PAD.top - PAD.bottom
  const x = (ms: number): number => PAD.left + (totalMs > 0 ? (ms / totalMs) * plotWidth : 0)
  const y = (target: number): number => PAD.top + plotHeight - (peak > 0 ? (target / peak) * plotHeight : 0)
  const points = [`${x(0)},${y(start)}`]
  let elapsed = 0
  for (const stage of stages) {
    elapsed += stage.durationMs
    points.push(`${x(elapsed)},${y(stage.target)}`)
  }
  const unitName = unit === 'rate' ? 'requests a second' : 'connections'
  const summary = [`Lasts ${formatDuration(totalMs)}`, `peaks at ${formatCount(peak)} ${unitName}`]
  if (requests !== undefined) summary.push(`${formatCount(Math.round(requests))} requests in all`)
  const description = `${summary.join(', ')}.`

  return (
    <figure className="shape-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Load shape: ${description}`}>
        <line className="shape-axis" x1={PAD.left} y1={PAD.top + plotHeight} x2={WIDTH - PAD.right} y2={PAD.top + plotHeight} />
        <line className="shape-axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotHeight} />
        <text className="shape-tick" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {formatCount(peak)}
        </text>
        <text className="shape-tick" x={PAD.left - 4} y={PAD.top + plotHeight} textAnchor="end">
          0
        </text>
        <text className="shape-tick" x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
          {formatDuration(totalMs)}
        </text>
        <polyline className="shape-line" points={points.join(' ')} />
      </svg>
      <figcaption>{summary.join(' · ')}</figcaption>
    </figure>
  )
}
