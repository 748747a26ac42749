/**
 * Seconds as typed, in the form's Duration or after the CLI's -d: decimals allowed ("0.5"), the plan
 * counts whole milliseconds. Anything else is NaN, which the plan's validation calls not a number.
 */
export function typedSecondsAsMs(text: string): number {
  const trimmed = text.trim()
  return /^-?(\d{1,12}(\.\d*)?|\.\d+)$/.test(trimmed) ? Math.round(Number(trimmed) * 1000) : Number.NaN
}
