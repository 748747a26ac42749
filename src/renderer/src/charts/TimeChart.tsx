import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { LiveSeries } from './live-series'
import type { SeriesColumn } from './series-buffer'
import { followContainerWidth, FROM_ZERO, lineSeries, valueAxis, WHOLE_STEPS } from './uplot-parts'

export interface ChartLine {
  label: string
  column: SeriesColumn
  color: string
  dash?: number[]
}

interface TimeChartProps {
  title: string
  /** What it draws: the live run's series, or a stored run's. */
  series: LiveSeries
  /** Keep it a module constant: a new array rebuilds the chart. */
  lines: readonly ChartLine[]
  /** How the y axis and legend show a value. */
  format(value: number): string
  /** The values are counts: the axis ticks whole numbers only. */
  wholeNumbers?: boolean
}

const CHART_HEIGHT = 150

/**
 * One uPlot chart of a run's series. React renders it once; after that the chart redraws itself
 * from the series (./live-series.ts) at most once an animation frame, and not at all when the series
 * did not change. `data-points` tells tests (and the curious) how many points it drew last, and
 * `data-y-labels` the value axis's labels (drawn on the canvas, so out of reach otherwise).
 */
export function TimeChart({ title, series, lines, format, wholeNumbers = false }: TimeChartProps) {
  const container = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const gapped = lines.map(() => [] as Array<number | null>)
    let plot: uPlot | undefined
    let frame = 0
    let drawnVersion = -1
    const draw = (): void => {
      frame = 0
      if (!plot || series.version === drawnVersion) return
      drawnVersion = series.version
      const buffer = series.buffer
      lines.forEach((line, index) => copyWithGaps(buffer.view(line.column), gapped[index]))
      plot.setData([buffer.view('time'), ...gapped])
      element.dataset.points = String(buffer.length)
    }
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(draw)
    }
    // Each chart is built in a task of its own, not in the render that mounts them all: four uPlot
    // instances at once made one long task when the first snapshot arrived.
    const build = setTimeout(() => {
      plot = new uPlot(chartOptions(lines, format, wholeNumbers, element), [[], ...gapped], element)
      schedule()
    })
    const stop = series.subscribe(schedule)
    const stopFollowing = followContainerWidth(element, CHART_HEIGHT, () => plot)
    return () => {
      clearTimeout(build)
      stop()
      cancelAnimationFrame(frame)
      stopFollowing()
      plot?.destroy()
    }
  }, [series, lines, format, wholeNumbers])

  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div ref={container} className="chart-canvas" data-points="0" />
    </figure>
  )
}

/** uPlot draws a gap only at null: NaN (no response in the point) becomes null, into a reused array. */
function copyWithGaps(values: Float64Array, into: Array<number | null>): void {
  into.length = values.length
  for (let index = 0; index < values.length; index++) {
    const value = values[index]
    into[index] = Number.isNaN(value) ? null : value
  }
}

function chartOptions(
  lines: readonly ChartLine[],
  format: (value: number) => string,
  wholeNumbers: boolean,
  element: HTMLElement
): uPlot.Options {
  const axis = wholeNumbers ? { ...valueAxis(format), incrs: WHOLE_STEPS } : valueAxis(format)
  return {
    width: Math.max(element.clientWidth, 200),
    height: CHART_HEIGHT,
    // Never animated or interpolated: each redraw shows the data as it is.
    cursor: { drag: { x: false, y: false } },
    legend: { live: false },
    scales: { x: { time: false }, y: { range: FROM_ZERO } },
    axes: [
      { values: (_plot, splits) => splits.map((seconds) => `${seconds}s`), size: 28, font: '11px system-ui' },
      {
        ...axis,
        values: (_plot, splits) => {
          const labels = splits.map(format)
          element.dataset.yLabels = labels.join(', ')
          return labels
        }
      }
    ],
    series: [{}, ...lines.map((line) => ({ ...lineSeries(line, format), points: { show: false } }))]
  }
}
