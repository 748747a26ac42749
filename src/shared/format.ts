/**
 * The one place numbers become text. A fixed locale (en-US) keeps every screen, test and screenshot
 * reading the same, and matches the limits quoted by src/shared/validation.ts.
 */

/**
 * Numbers with a fixed count of decimals, as Intl.NumberFormat('en-US') writes them: grouped by
 * thousands, rounded half away from zero on the number's shortest decimal form (1.005 -> "1.01"),
 * and a negative that rounds to zero reads "0". Written without Intl because a window's first
 * Intl.NumberFormat loads ICU's number data: 40-100 ms in one task of the page's load, measured
 * (docs/benchmarks.md). tests/shared/format.test.ts holds it to Intl's output.
 */
function fixedDecimals(value: number, digits: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞'
  // The shortest decimal form, shifted by the exponent in text: no binary rounding on the way.
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e')
  const scaled = Math.round(Number(`${mantissa}e${Number(exponent) + digits}`))
  const text = String(scaled).padStart(digits + 1, '0')
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const sign = value < 0 && scaled !== 0 ? '-' : ''
  return digits > 0 ? `${sign}${whole}.${text.slice(-digits)}` : `${sign}${whole}`
}

const wholeNumber = (value: number): string => fixedDecimals(value, 0)
const oneDecimal = (value: number): string => fixedDecimals(value, 1)
const twoDecimals = (value: number): string => fixedDecimals(value, 2)

/** 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return wholeNumber(value)
}

/** Floored to a tenth, so 99.96% is 99.9 and only a finished run reaches 100. */
export function flooredPercent(part: number, whole: number): number {
  return whole > 0 ? Math.min(Math.floor((part * 1000) / whole) / 10, 100) : 0
}

/** "99.9%": see flooredPercent. */
export function formatPercent(part: number, whole: number): string {
  return `${oneDecimal(flooredPercent(part, whole))}%`
}

/** An error rate (a fraction, see src/shared/request-outcomes.ts): "0.25%", "12.5%", "0%". */
export function formatErrorRate(fraction: number): string {
  const percent = fraction * 100
  if (percent === 0) return '0%'
  return `${percent < 1 ? twoDecimals(percent) : oneDecimal(percent)}%`
}

/** A difference of two rates (fractions) in percentage points, signed: "+0.50 pp", "-12.5 pp", "0 pp". */
export function formatPercentagePoints(fractionChange: number): string {
  const rate = formatErrorRate(Math.abs(fractionChange)).replace('%', ' pp')
  return `${signOf(fractionChange)}${rate}`
}

/** A relative change (0.04 is 4%), signed: "+4.0%", "-0.5%", "+300%". */
export function formatRelativeChange(fraction: number): string {
  const percent = Math.abs(fraction * 100)
  return `${signOf(fraction)}${percent < 100 ? oneDecimal(percent) : wholeNumber(percent)}%`
}

/** "+" or "-" before a change; none for no change. */
export function signOf(change: number): string {
  if (change > 0) return '+'
  return change < 0 ? '-' : ''
}

/** Requests per second: whole numbers once they are large enough for decimals to be noise. */
export function formatRate(perSecond: number): string {
  return perSecond < 100 ? oneDecimal(perSecond) : wholeNumber(perSecond)
}

/** Latencies: three significant digits in ms, seconds past one second. */
export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${twoDecimals(ms / 1000)} s`
  if (ms >= 100) return `${wholeNumber(ms)} ms`
  if (ms >= 10) return `${oneDecimal(ms)} ms`
  return `${twoDecimals(ms)} ms`
}

/** Elapsed wall time: "0.84 s", "12.3 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 10) return `${twoDecimals(seconds)} s`
  if (seconds < 60) return `${oneDecimal(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  const rest = Math.floor(seconds % 60)
  return `${minutes} min ${String(rest).padStart(2, '0')} s`
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const

/** Decimal units, as network tools count them. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${wholeNumber(value)} B` : `${oneDecimal(value)} ${BYTE_UNITS[unit]}`
}
