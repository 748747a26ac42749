import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { formatCount, formatLatency } from '../../../shared/format'
import type { LatencyBin } from '../../../shared/run-snapshot'
import { followContainerWidth } from './uplot-parts'

const CHART_HEIGHT = 170

/** The run's latency histogram in its log-spaced bins (src/control/latency-bins.ts), one bar a bin. */
export function HistogramChart({ bins }: { bins: readonly LatencyBin[] }) {
  const container = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = container.current
    if (!element || bins.length === 0) return
    const labels = bins.map((bin) => formatLatency(bin.fromMs))
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: CHART_HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, range: [-0.5, bins.length - 0.5] }, y: { range: (_plot, _min, max) => [0, max * 1.1] } },
        axes: [
          {
            values: (_plot, splits) => splits.map((index) => labels[index] ?? ''),
            size: 28,
            font: '11px system-ui',
            incrs: [1, 2, 5, 10]
          },
          { values: (_plot, splits) => splits.map(formatCount), size: 56, font: '11px system-ui' }
        ],
        series: [
          {},
          {
            label: 'responses',
            fill: '#3b6ea8',
            stroke: '#3b6ea8',
            paths: uPlot.paths.bars?.({ size: [0.8, 64] }),
            points: { show: false }
          }
        ]
      },
      [bins.map((_bin, index) => index), bins.map((bin) => bin.count)],
      element
    )
    const stopFollowing = followContainerWidth(element, CHART_HEIGHT, () => plot)
    return () => {
      stopFollowing()
      plot.destroy()
    }
  }, [bins])

  return (
    <figure className="chart" aria-label="Latency histogram">
      <figcaption>Latency histogram (responses by latency, log-spaced bins)</figcaption>
      {bins.length === 0 ? <p className="count-table-empty">No response arrived.</p> : <div ref={container} className="chart-canvas" />}
    </figure>
  )
}
