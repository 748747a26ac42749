/** The few statistics the report needs. */

/**
 * The median of the finite values (NaN when there are none).
 * @param {number[]} values
 */
export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * a / b, or NaN when either is missing, so a skipped tool shows as "n/a" rather than 0 or Infinity.
 * @param {number} a
 * @param {number} b
 */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN
}
