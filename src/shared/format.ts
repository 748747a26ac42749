/**
 * The one place numbers become text. A fixed locale keeps every screen, test and screenshot reading
 * the same, and matches the limits quoted by src/shared/validation.ts.
 */
const LOCALE = 'en-US'

const wholeNumber = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const twoDecimals = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** 1234567 -> "1,234,567". */
export function formatCount(value: number): string {
  return wholeNumber.format(value)
}

/** Floored to a tenth, so 99.96% is 99.9 and only a finished run reaches 100. */
export function flooredPercent(part: number, whole: number): number {
  return whole > 0 ? Math.min(Math.floor((part * 1000) / whole) / 10, 100) : 0
}

/** "99.9%": see flooredPercent. */
export function formatPercent(part: number, whole: number): string {
  return `${oneDecimal.format(flooredPercent(part, whole))}%`
}

/** An error rate (a fraction, see src/shared/request-outcomes.ts): "0.25%", "12.5%", "0%". */
export function formatErrorRate(fraction: number): string {
  const percent = fraction * 100
  if (percent === 0) return '0%'
  return `${percent < 1 ? twoDecimals.format(percent) : oneDecimal.format(percent)}%`
}

/** A difference of two rates (fractions) in percentage points, signed: "+0.50 pp", "-12.5 pp", "0 pp". */
export function formatPercentagePoints(fractionChange: number): string {
  const rate = formatErrorRate(Math.abs(fractionChange)).replace('%', ' pp')
  return `${signOf(fractionChange)}${rate}`
}

/** A relative change (0.04 is 4%), signed: "+4.0%", "-0.5%", "+300%". */
export function formatRelativeChange(fraction: number): string {
  const percent = Math.abs(fraction * 100)
  return `${signOf(fraction)}${percent < 100 ? oneDecimal.format(percent) : wholeNumber.format(percent)}%`
}

/** "+" or "-" before a change; none for no change. */
export function signOf(change: number): string {
  if (change > 0) return '+'
  return change < 0 ? '-' : ''
}

/** Requests per second: whole numbers once they are large enough for decimals to be noise. */
export function formatRate(perSecond: number): string {
  return perSecond < 100 ? oneDecimal.format(perSecond) : wholeNumber.format(perSecond)
}

/** Latencies: three significant digits in ms, seconds past one second. */
export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${twoDecimals.format(ms / 1000)} s`
  if (ms >= 100) return `${wholeNumber.format(ms)} ms`
  if (ms >= 10) return `${oneDecimal.format(ms)} ms`
  return `${twoDecimals.format(ms)} ms`
}

/** Elapsed wall time: "0.84 s", "12.3 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 10) return `${twoDecimals.format(seconds)} s`
  if (seconds < 60) return `${oneDecimal.format(seconds)} s`
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
  return unit === 0 ? `${wholeNumber.format(value)} B` : `${oneDecimal.format(value)} ${BYTE_UNITS[unit]}`
}
