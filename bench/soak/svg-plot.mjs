/**
 * A self-contained SVG of the soak's series: resident memory above, descriptors and sockets below,
 * both against minutes. Plain text, no scripts, no fonts to fetch: it renders the same anywhere.
 */

const WIDTH = 760
const PANEL_HEIGHT = 190
const MARGIN = { left: 64, right: 20, top: 64, bottom: 36, between: 54 }

/**
 * @typedef {{ label: string, color: string, points: Array<[number, number]> }} Line
 * @typedef {{ title: string, unit: string, lines: Line[] }} Panel
 */

/**
 * @param {{ title: string, panels: Panel[], xMax: number }} chart  x in minutes
 */
export function soakSvg({ title, panels, xMax }) {
  const height = MARGIN.top + panels.length * PANEL_HEIGHT + (panels.length - 1) * MARGIN.between + MARGIN.bottom
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escape(title)}</text>`
  ]
  panels.forEach((panel, index) => {
    parts.push(panelSvg(panel, MARGIN.top + index * (PANEL_HEIGHT + MARGIN.between), xMax))
  })
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}

/**
 * @param {Panel} panel
 * @param {number} top
 * @param {number} xMax
 */
function panelSvg(panel, top, xMax) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const values = panel.lines.flatMap((line) => line.points.map(([, y]) => y))
  // From zero, so a flat line looks flat rather than magnified noise.
  const yMax = niceCeiling(Math.max(1, ...values) * 1.1)
  const x = (/** @type {number} */ minutes) => MARGIN.left + (minutes / xMax) * plotWidth
  const y = (/** @type {number} */ value) => top + PANEL_HEIGHT - (value / yMax) * PANEL_HEIGHT
  const parts = [
    `<text x="${MARGIN.left}" y="${top - 8}" font-weight="bold">${escape(panel.title)} (${escape(panel.unit)})</text>`,
    `<rect x="${MARGIN.left}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`
  ]
  for (const tick of ticks(yMax)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`
    )
  }
  for (const tick of ticks(xMax)) {
    parts.push(`<text x="${x(tick)}" y="${top + PANEL_HEIGHT + 16}" text-anchor="middle">${tick}</text>`)
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${top + PANEL_HEIGHT + 31}" text-anchor="middle">minutes</text>`)
  panel.lines.forEach((line, index) => {
    const path = line.points.map(([minutes, value]) => `${x(minutes).toFixed(1)},${y(value).toFixed(1)}`).join(' ')
    parts.push(`<polyline points="${path}" fill="none" stroke="${line.color}" stroke-width="2"/>`)
    const legendX = MARGIN.left + plotWidth - 150
    const legendY = top + 16 + index * 16
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 18}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${line.color}" stroke-width="2"/>`,
      `<text x="${legendX + 24}" y="${legendY}">${escape(line.label)}</text>`
    )
  })
  return parts.join('\n')
}

/** 1, 2 or 5 times a power of ten, at or above value. */
function niceCeiling(/** @type {number} */ value) {
  const power = 10 ** Math.floor(Math.log10(value))
  return [1, 2, 5, 10].map((step) => step * power).find((nice) => nice >= value) ?? 10 * power
}

/** About five round ticks from 0 to max. */
function ticks(/** @type {number} */ max) {
  const step = niceCeiling(max / 5)
  const found = []
  for (let tick = 0; tick <= max + 1e-9; tick += step) found.push(Number(tick.toFixed(6)))
  return found
}

function escape(/** @type {string} */ text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
