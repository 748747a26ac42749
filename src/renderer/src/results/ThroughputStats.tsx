import { useShallow } from 'zustand/react/shallow'
import { formatBytes, formatCount, formatDuration, formatErrorRate, formatRate } from '../../../shared/format'
import { selectThroughput } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'
import { StatTile } from '../ui/StatTile'

/** The outcome tiles use the classes and names of src/shared/request-outcomes.ts, as the CLI does. */
export function ThroughputStats() {
  const { requestsPerSecond, elapsedMs, ok, clientOrServerError, failed, errorRate, bytesRead } = useStampede(
    useShallow(selectThroughput)
  )
  return (
    <section className="panel" aria-labelledby="throughput-heading">
      <h2 id="throughput-heading">Throughput</h2>
      {/* Three by two: the run's pace and its error rate, then the outcomes the rate is made of. */}
      <dl className="stat-grid stat-grid-3">
        <StatTile label="Requests/s" value={formatRate(requestsPerSecond)} />
        <StatTile label="Elapsed" value={formatDuration(elapsedMs)} />
        <StatTile label="Error rate" value={formatErrorRate(errorRate)} tone={errorRate > 0 ? 'bad' : undefined} />
        <StatTile label="2xx–3xx" value={formatCount(ok)} />
        <StatTile
          label="4xx–5xx"
          value={formatCount(clientOrServerError)}
          tone={clientOrServerError > 0 ? 'bad' : undefined}
        />
        <StatTile label="Failed" value={formatCount(failed)} tone={failed > 0 ? 'bad' : undefined} />
      </dl>
      <p className="panel-footnote">{formatBytes(bytesRead)} received</p>
    </section>
  )
}
