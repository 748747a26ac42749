import { formatLatency, formatRate } from '../../../shared/format'
import { useStampede } from '../app/use-stampede'
import { selectOpenModel, selectShapedConnections } from '../results/live-selectors'
import { liveSeries, type LiveSeries } from './live-series'
import { TimeChart, type ChartLine } from './TimeChart'

// Module constants: a chart is rebuilt only when its lines change (the open model adds some).
const THROUGHPUT: readonly ChartLine[] = [{ label: 'ended/s', column: 'endedRate', color: '#3b6ea8' }]
const THROUGHPUT_OPEN: readonly ChartLine[] = [
  { label: 'achieved (sent/s)', column: 'sentRate', color: '#3b6ea8' },
  { label: 'target (due/s)', column: 'dueRate', color: '#8a8f98', dash: [4, 4] }
]
const LATENCY: readonly ChartLine[] = [
  { label: 'p50', column: 'p50', color: '#2e8b57' },
  { label: 'p90', column: 'p90', color: '#d08b1c' },
  { label: 'p99', column: 'p99', color: '#c0392b' }
]
const LATENCY_OPEN: readonly ChartLine[] = [
  ...LATENCY,
  { label: 'p99 from send (raw)', column: 'rawP99', color: '#7d3c98', dash: [4, 4] }
]
const ERRORS: readonly ChartLine[] = [
  { label: '4xx–5xx/s', column: 'clientOrServerErrorRate', color: '#d08b1c' },
  { label: 'failed/s', column: 'failedRate', color: '#c0392b' }
]
const CONNECTIONS: readonly ChartLine[] = [{ label: 'open', column: 'activeConnections', color: '#3b6ea8' }]
// A shape of connections (closed model): its target beside the open ones, as the open model's due rate is.
const CONNECTIONS_SHAPED: readonly ChartLine[] = [...CONNECTIONS, { label: 'target', column: 'target', color: '#8a8f98', dash: [4, 4] }]

const perSecond = (value: number): string => formatRate(value)
const count = (value: number): string => String(Math.round(value))

/** The live run over time, redrawn on animation frames as its snapshots arrive. */
export function LiveCharts() {
  const openModel = useStampede(selectOpenModel)
  const shapedConnections = useStampede(selectShapedConnections)
  return <RunCharts series={liveSeries} openModel={openModel} shapedConnections={shapedConnections} />
}

interface RunChartsProps {
  series: LiveSeries
  openModel: boolean
  /** A shape of connections (closed model): its target is drawn beside the open connections. */
  shapedConnections: boolean
}

/** A run over time: throughput, latency, errors and connections, from its series (live or stored). */
export function RunCharts({ series, openModel, shapedConnections }: RunChartsProps) {
  return (
    <section className="panel charts" aria-label="Charts">
      <TimeChart title="Requests per second" series={series} lines={openModel ? THROUGHPUT_OPEN : THROUGHPUT} format={perSecond} />
      <TimeChart title="Latency" series={series} lines={openModel ? LATENCY_OPEN : LATENCY} format={formatLatency} />
      <TimeChart title="Errors per second" series={series} lines={ERRORS} format={perSecond} />
      <TimeChart
        title="Active connections"
        series={series}
        lines={shapedConnections ? CONNECTIONS_SHAPED : CONNECTIONS}
        format={count}
        wholeNumbers
      />
    </section>
  )
}
