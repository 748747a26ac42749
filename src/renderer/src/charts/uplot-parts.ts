import type uPlot from 'uplot'

/**
 * Pieces every uPlot chart of the window shares, so the live, stored, histogram and overlay charts
 * size, label and format the same way.
 */

/** Keeps the chart as wide as its container; returns what stops it. `plot` may not be built yet. */
export function followContainerWidth(element: HTMLElement, height: number, plot: () => uPlot | undefined): () => void {
  const resize = new ResizeObserver(() => plot()?.setSize({ width: element.clientWidth, height }))
  resize.observe(element)
  return () => resize.disconnect()
}

/** The y axis of every chart: values as the chart formats them, room for "1,234 ms". */
export function valueAxis(format: (value: number) => string): uPlot.Axis {
  return { values: (_plot, splits) => splits.map(format), size: 64, font: '11px system-ui' }
}

/**
 * Tick steps for an axis of counts (connections): whole numbers only, 1-2-5 per decade. uPlot's own
 * steps include 0.5, so a count of 1 was labelled "0, 1, 1".
 */
export const WHOLE_STEPS: number[] = Array.from({ length: 8 }, (_, decade) => [1, 2, 5].map((step) => step * 10 ** decade)).flat()

/** The y scale of every chart: from zero, with a tenth of headroom; 0 to 1 when all is zero. */
export const FROM_ZERO: uPlot.Scale['range'] = (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1]

/** One line: its label, colour and dash, a gap shown as "–" in the legend. */
export function lineSeries(
  line: { label: string; color: string; dash?: number[] },
  format: (value: number) => string
): uPlot.Series {
  return {
    label: line.label,
    stroke: line.color,
    width: 1.5,
    dash: line.dash,
    value: (_plot: uPlot, value: number | null) => (value === null ? '–' : format(value))
  }
}
