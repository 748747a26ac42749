/**
 * Charts as inline SVG text, for the self-contained HTML report: no script, no font, no external
 * reference of any kind, so the report draws the same offline, in any browser, years later.
 */

const WIDTH = 720
const HEIGHT = 220
const MARGIN = { left: 64, right: 16, top: 14, bottom: 30 }
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom

export interface ChartLine {
  label: string
  color: string
  /** y null: no value there (no response in that interval): the line breaks. */
  points: ReadonlyArray<readonly [x: number, y: number | null]>
  dashed?: boolean
}

export interface LineChartSpec {
  title: string
  lines: readonly ChartLine[]
  formatX: (value: number) => string
  formatY: (value: number) => string
  /** A fixed top for the y axis (100 for percentages); otherwise the data's, rounded up. */
  yMax?: number
  /** Stretches of x to shade, with what the shade means. */
  shaded?: { label: string; ranges: ReadonlyArray<readonly [from: number, to: number]> }
}

export function lineChart(spec: LineChartSpec): string {
  const xs = spec.lines.flatMap((line) => line.points.map(([x]) => x))
  const ys = spec.lines.flatMap((line) => line.points.flatMap(([, y]) => (y === null ? [] : [y])))
  if (xs.length === 0) return emptyChart(spec.title)
  const xMin = Math.min(0, ...xs)
  const xMax = Math.max(...xs, xMin + 1e-9)
  const yTicks = niceTicks(spec.yMax ?? Math.max(...ys, 0))
  const yMax = yTicks[yTicks.length - 1]
  const x = (value: number): number => MARGIN.left + ((value - xMin) / (xMax - xMin)) * PLOT_WIDTH
  const y = (value: number): number => MARGIN.top + PLOT_HEIGHT - (value / yMax) * PLOT_HEIGHT
  const shades = (spec.shaded?.ranges ?? []).map(
    ([from, to]) =>
      `<rect x="${fixed(x(from))}" y="${MARGIN.top}" width="${fixed(Math.max(1, x(to) - x(from)))}" height="${PLOT_HEIGHT}" fill="#f5c6c6"/>`
  )
  const paths = spec.lines.map((line) => {
    const d = pathOf(line.points, x, y)
    const dash = line.dashed ? ' stroke-dasharray="5 4"' : ''
    return d ? `<path d="${d}" fill="none" stroke="${line.color}" stroke-width="1.6"${dash}/>` : ''
  })
  const legend = [
    ...spec.lines.map((line) => legendItem(line.label, line.color, line.dashed)),
    ...(spec.shaded && spec.shaded.ranges.length > 0 ? [legendItem(spec.shaded.label, '#f5c6c6', false, true)] : [])
  ]
  return figure(
    spec.title,
    [
      ...shades,
      ...yAxis(yTicks, y, spec.formatY),
      ...xAxis(niceTicks(xMax - xMin).map((tick) => tick + xMin), x, spec.formatX),
      ...paths
    ].join(''),
    legend.join('')
  )
}

export interface Bar {
  label: string
  value: number
}

/** Bars of equal width, labelled underneath (every few labels when there are many). */
export function barChart(title: string, bars: readonly Bar[], formatY: (value: number) => string, barLabel: string): string {
  if (bars.length === 0) return emptyChart(title)
  const yTicks = niceTicks(Math.max(...bars.map((bar) => bar.value)))
  const yMax = yTicks[yTicks.length - 1]
  const slot = PLOT_WIDTH / bars.length
  const y = (value: number): number => MARGIN.top + PLOT_HEIGHT - (value / yMax) * PLOT_HEIGHT
  const labelEvery = Math.ceil(bars.length / 12)
  const shapes = bars.map((bar, index) => {
    const left = MARGIN.left + index * slot
    const top = y(bar.value)
    const rect = `<rect x="${fixed(left + slot * 0.1)}" y="${fixed(top)}" width="${fixed(slot * 0.8)}" height="${fixed(MARGIN.top + PLOT_HEIGHT - top)}" fill="#3b6ea8"><title>${escapeHtml(`${bar.label}: ${formatY(bar.value)}`)}</title></rect>`
    const label =
      index % labelEvery === 0
        ? `<text x="${fixed(left + slot / 2)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(bar.label)}</text>`
        : ''
    return rect + label
  })
  return figure(title, [...yAxis(yTicks, y, formatY), ...shapes].join(''), legendItem(barLabel, '#3b6ea8'))
}

function figure(title: string, body: string, legend: string): string {
  return (
    `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">${body}</svg>` +
    `<div class="legend">${legend}</div></figure>`
  )
}

function emptyChart(title: string): string {
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p class="empty">No data.</p></figure>`
}

function yAxis(ticks: readonly number[], y: (value: number) => number, format: (value: number) => string): string[] {
  return ticks.map(
    (tick) =>
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}" class="grid"/>` +
      `<text x="${MARGIN.left - 6}" y="${fixed(y(tick) + 4)}" text-anchor="end" class="tick">${escapeHtml(format(tick))}</text>`
  )
}

function xAxis(ticks: readonly number[], x: (value: number) => number, format: (value: number) => string): string[] {
  const bottom = MARGIN.top + PLOT_HEIGHT
  return [
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${bottom}" y2="${bottom}" class="axis"/>`,
    ...ticks.map(
      (tick) =>
        `<text x="${fixed(x(tick))}" y="${bottom + 18}" text-anchor="middle" class="tick">${escapeHtml(format(tick))}</text>`
    )
  ]
}

function legendItem(label: string, color: string, dashed = false, area = false): string {
  const swatch = area
    ? `<span class="swatch area" style="background:${color}"></span>`
    : `<span class="swatch${dashed ? ' dashed' : ''}" style="border-color:${color}"></span>`
  return `<span class="item">${swatch}${escapeHtml(label)}</span>`
}

/** "M x y L x y ...", starting afresh after each gap (y null). */
function pathOf(
  points: ChartLine['points'],
  x: (value: number) => number,
  y: (value: number) => number
): string {
  const parts: string[] = []
  let drawing = false
  for (const [px, py] of points) {
    if (py === null) {
      drawing = false
      continue
    }
    parts.push(`${drawing ? 'L' : 'M'}${fixed(x(px))} ${fixed(y(py))}`)
    drawing = true
  }
  return parts.join('')
}

/** 0 and four or five round steps (1, 2 or 5 × a power of ten) reaching at least `max`. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1]
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power
  const ticks: number[] = []
  for (let tick = 0; tick < max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)))
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)))
  return ticks
}

function fixed(value: number): string {
  return value.toFixed(1)
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
