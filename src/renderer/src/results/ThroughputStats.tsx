import { useShallow } from 'zustand/react/shallow'
import { formatBytes, formatCount } from '../../../shared/format'
import { selectThroughput } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'
import { StatTile } from '../ui/StatTile'

/** The outcome tiles use the classes and names of src/shared/request-outcomes.ts, as the CLI does. */
export function ThroughputStats() {
  const { ok, clientOrServerError, failed, bytesRead } = useStampede(useShallow(selectThroughput))
  return (
    <section className="panel" aria-labelledby="outcomes-heading">
      <h2 id="outcomes-heading">Outcomes</h2>
      <dl className="stat-grid stat-grid-3">
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
