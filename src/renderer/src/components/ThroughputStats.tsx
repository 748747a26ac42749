import { useShallow } from 'zustand/react/shallow'
import { formatBytes, formatCount, formatDuration, formatRate } from '../../../shared/format'
import { selectThroughput } from '../store/run-slice'
import { useStampede } from '../store/stampede-store'
import { StatTile } from './StatTile'

export function ThroughputStats() {
  const { requestsPerSecond, elapsedMs, succeeded, failed, bytesRead } = useStampede(useShallow(selectThroughput))
  return (
    <section className="panel" aria-labelledby="throughput-heading">
      <h2 id="throughput-heading">Throughput</h2>
      <dl className="stat-grid">
        <StatTile label="Requests/s" value={formatRate(requestsPerSecond)} />
        <StatTile label="Elapsed" value={formatDuration(elapsedMs)} />
        <StatTile label="Succeeded" value={formatCount(succeeded)} />
        <StatTile label="Failed" value={formatCount(failed)} tone={failed > 0 ? 'bad' : undefined} />
      </dl>
      <p className="panel-footnote">{formatBytes(bytesRead)} received</p>
    </section>
  )
}
