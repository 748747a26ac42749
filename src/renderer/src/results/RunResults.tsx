import { selectHasSnapshot } from '../run/run-selectors'
import { useStampede } from '../app/use-stampede'
import { ErrorKindTable } from './ErrorKindTable'
import { LatencyStats } from './LatencyStats'
import { RunProgress } from '../run/RunProgress'
import { StatusCodeTable } from './StatusCodeTable'
import { ThroughputStats } from './ThroughputStats'

/** Everything a run reports, from its first progress to its result. */
export function RunResults() {
  const hasSnapshot = useStampede(selectHasSnapshot)
  if (!hasSnapshot) {
    return (
      <section className="panel empty-results">
        <p>Enter a URL and press Submit. Progress and results appear here as the run goes.</p>
      </section>
    )
  }
  return (
    <>
      <RunProgress />
      <div className="stat-panels">
        <ThroughputStats />
        <LatencyStats />
      </div>
      <div className="table-panels">
        <StatusCodeTable />
        <ErrorKindTable />
      </div>
    </>
  )
}
