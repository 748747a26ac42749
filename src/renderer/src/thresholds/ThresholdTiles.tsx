import { useStampede } from '../app/use-stampede'
import { selectThresholdTiles } from './threshold-selectors'

const STATUS_TEXT = {
  passed: 'passed',
  failed: 'failed',
  passing: 'passing so far',
  failing: 'failing so far',
  waiting: 'waiting for a response'
} as const

/** One tile per threshold: red the moment a condition is lost, green once it is won. */
export function ThresholdTiles() {
  const tiles = useStampede(selectThresholdTiles)
  if (tiles.length === 0) return null
  return (
    <section className="panel" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">Thresholds</h2>
      <ul className="threshold-tiles">
        {tiles.map((tile, index) => (
          <li key={`${index}:${tile.expression}`} className={`threshold-tile threshold-${tile.status}`} data-status={tile.status}>
            <code>{tile.expression}</code>
            <span className="threshold-status">{STATUS_TEXT[tile.status]}</span>
            <span className="threshold-actual">{tile.actual}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
