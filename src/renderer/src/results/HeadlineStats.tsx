import { useShallow } from 'zustand/react/shallow'
import { formatDuration, formatErrorRate, formatLatency, formatRate } from '../../../shared/format'
import { useStampede } from '../app/use-stampede'
import { StatTile } from '../ui/StatTile'
import { selectHeadline } from './live-selectors'

const NONE = '–'

/** The run at a glance: its pace now and on average, latency, errors and time. */
export function HeadlineStats() {
  const headline = useStampede(useShallow(selectHeadline))
  const latency = (ms: number | undefined): string => (ms === undefined ? NONE : formatLatency(ms))
  return (
    <section className="panel" aria-labelledby="headline-heading">
      <h2 id="headline-heading">Run</h2>
      <dl className="stat-grid stat-grid-4">
        <StatTile label="Requests/s" value={headline.currentRate === undefined ? NONE : formatRate(headline.currentRate)} />
        <StatTile label="Mean req/s" value={formatRate(headline.meanRate)} />
        <StatTile label="Elapsed" value={formatDuration(headline.elapsedMs)} />
        <StatTile label="Remaining" value={headline.remainingMs === undefined ? NONE : formatDuration(headline.remainingMs)} />
        <StatTile label="p50" value={latency(headline.p50)} />
        {/* Open model: the corrected p99 (from the due time) beside the raw one (from the send). */}
        <StatTile label={headline.openModel ? 'p99 from due' : 'p99'} value={latency(headline.p99)} />
        {headline.openModel && <StatTile label="p99 from send" value={latency(headline.rawP99)} />}
        <StatTile
          label="Error rate"
          value={formatErrorRate(headline.errorRate)}
          tone={headline.errorRate > 0 ? 'bad' : undefined}
        />
      </dl>
    </section>
  )
}
