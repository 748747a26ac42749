/**
 * A whole number as typed, in the form or on the command line: an optional minus and digits (with
 * thousands separators) only, so "-5" is told it must be at least 1 while "1.5", "1e3" and "ten"
 * become NaN, which the schema calls not a whole number. Apart from ./validation.ts, so the window
 * reads typed numbers without loading zod.
 */
export function parseTypedNumber(text: string): number {
  const trimmed = text.trim().replace(/[_,\s]/g, '')
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
