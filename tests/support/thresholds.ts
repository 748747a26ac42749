import { parseThreshold, type Threshold } from '../../src/shared/thresholds'

/** A threshold as typed, parsed by the real parser; throws if it is refused. */
export function thresholdOf(text: string): Threshold {
  const parsed = parseThreshold(text)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.threshold
}
