/**
 * Seconds as typed, in the form's Duration or after the CLI's -d: decimals allowed ("0.5"), the plan
 * counts whole milliseconds. Anything else is NaN, which the plan's validation calls not a number.
 */
export function typedSecondsAsMs(text: string): number {
  const trimmed = text.trim()
  return /^-?(\d{1,12}(\.\d*)?|\.\d+)$/.test(trimmed) ? Math.round(Number(trimmed) * 1000) : Number.NaN
}

/** Milliseconds in each unit a written duration may use: `--stages` and test files (./test-file.ts). */
const MS_PER_UNIT: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 }

/**
 * A duration written with its unit: "30s", "500ms", "1.5m" (decimals allowed, rounded to whole
 * milliseconds). Anything else is NaN, which the plan's validation calls not a number.
 */
export function typedDurationMs(text: string): number {
  const match = /^(\d{1,12}(?:\.\d*)?|\.\d+)(ms|s|m)$/.exec(text.trim())
  return match ? Math.round(Number(match[1]) * MS_PER_UNIT[match[2]]) : Number.NaN
}

/** Whole milliseconds as typedDurationMs reads them back, in the largest unit that is exact: "2m", "30s", "250ms". */
export function durationText(ms: number): string {
  if (ms === 0) return '0s'
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms % 1000 === 0) return `${ms / 1000}s`
  return `${ms}ms`
}
