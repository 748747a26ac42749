import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { OverlayLine } from './overlay-line'
import { followContainerWidth, FROM_ZERO, lineSeries, valueAxis } from './uplot-parts'

interface OverlayChartProps {
  title: string
  lines: readonly OverlayLine[]
  /** How the y axis and legend show a value. */
  format(value: number): string
  /** How the x axis shows a value. */
  formatX(value: number): string
  /** A log-scaled x axis (latency bins are log-spaced). */
  logX?: boolean
}

const CHART_HEIGHT = 190

/**
 * Finished series drawn over each other (two runs compared): uPlot joins the lines' x values into one
 * axis, each line skipping the points only the other has. Drawn once; `data-points` says how many x
 * values it has, for tests.
 */
export function OverlayChart({ title, lines, format, formatX, logX = false }: OverlayChartProps) {
  const container = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const data = uPlot.join(lines.map((line) => [Array.from(line.x), Array.from(line.y, gapOf)] as uPlot.AlignedData))
    element.dataset.points = String(data[0].length)
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: CHART_HEIGHT,
        cursor: { drag: { x: false, y: false } },
        legend: { live: false },
        scales: {
          x: logX ? { time: false, distr: 3 } : { time: false },
          y: { range: FROM_ZERO }
        },
        axes: [
          {
            // A log axis splits at every 1-9 of each decade: only the decades are named.
            values: (_plot, splits) => splits.map((value) => (logX && !isDecade(value) ? '' : formatX(value))),
            size: 28,
            font: '11px system-ui'
          },
          valueAxis(format)
        ],
        series: [
          {},
          // Finished series: a line through the points where no response ended, to show the trend
          // (the run's own charts show those as gaps); uPlot draws the points when they are few.
          ...lines.map((line) => ({ ...lineSeries(line, format), spanGaps: true }))
        ]
      },
      data,
      element
    )
    const stopFollowing = followContainerWidth(element, CHART_HEIGHT, () => plot)
    return () => {
      stopFollowing()
      plot.destroy()
    }
  }, [lines, format, formatX, logX])

  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={container} className="chart-canvas" data-points="0" />
    </figure>
  )
}

function isDecade(value: number): boolean {
  const exponent = Math.log10(value)
  return Math.abs(exponent - Math.round(exponent)) < 1e-9
}

function gapOf(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value
}
