import { formatLatency } from '../../../shared/format'
import { selectLatency } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'
import { StatTile } from '../ui/StatTile'

export function LatencyStats() {
  const latency = useStampede(selectLatency)
  if (!latency) return null
  return (
    <section className="panel" aria-labelledby="latency-heading">
      <h2 id="latency-heading">Latency</h2>
      <dl className="stat-grid stat-grid-2">
        <StatTile label="p50" value={formatLatency(latency.p50)} />
        <StatTile label="p90" value={formatLatency(latency.p90)} />
        <StatTile label="p99" value={formatLatency(latency.p99)} />
        <StatTile label="Max" value={formatLatency(latency.max)} />
      </dl>
      <p className="panel-footnote">
        Min {formatLatency(latency.min)} · mean {formatLatency(latency.mean)}, of full responses
      </p>
    </section>
  )
}
