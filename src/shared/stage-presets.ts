import type { LoadStage } from './load-shape'

/** The shapes the form offers ready-made; each is an ordinary list of stages once chosen. */
export const STAGE_PRESETS = ['constant', 'ramp-up', 'step', 'spike', 'ramp-up-hold-down'] as const
export type StagePreset = (typeof STAGE_PRESETS)[number]

export interface PresetSettings {
  /** Where the shape starts and rests: requests a second (open model) or connections (closed). */
  base: number
  /** The highest target it reaches. */
  peak: number
  /** The whole shape, in milliseconds. */
  durationMs: number
}

/** A plan's shape: `start` goes into ratePerSecond or concurrency, `stages` into stages. */
export interface LoadShape {
  start: number
  stages: LoadStage[]
}

/** Steps of the 'step' preset. */
export const STEP_COUNT = 4

/**
 * Each preset as fractions of the duration and levels between base (0) and peak (1); a part of 0
 * is a jump.
 *
 * - constant: the peak from start to end.
 * - ramp-up: from base to peak over the whole duration.
 * - step: STEP_COUNT equal steps from base to peak, each jumped to and held.
 * - spike: base for 40%, a jump to the peak held for 20%, back to base for the last 40%.
 * - ramp-up-hold-down: up to the peak over 20%, held for 60%, down to base over 20%.
 */
const PRESET_PARTS: Readonly<Record<StagePreset, { startLevel: number; parts: Array<[fraction: number, level: number]> }>> = {
  constant: { startLevel: 1, parts: [[1, 1]] },
  'ramp-up': { startLevel: 0, parts: [[1, 1]] },
  step: {
    startLevel: 0,
    parts: Array.from({ length: STEP_COUNT }, (_, index): Array<[number, number]> => {
      const level = (index + 1) / STEP_COUNT
      return [
        [0, level],
        [1 / STEP_COUNT, level]
      ]
    }).flat()
  },
  spike: {
    startLevel: 0,
    parts: [
      [0.4, 0],
      [0, 1],
      [0.2, 1],
      [0, 0],
      [0.4, 0]
    ]
  },
  'ramp-up-hold-down': {
    startLevel: 0,
    parts: [
      [0.2, 1],
      [0.6, 1],
      [0.2, 0]
    ]
  }
}

/**
 * The preset's shape in whole milliseconds and whole targets: the stage durations add up to
 * durationMs exactly, and every target lies between base and peak.
 */
export function presetShape(preset: StagePreset, { base, peak, durationMs }: PresetSettings): LoadShape {
  const { startLevel, parts } = PRESET_PARTS[preset]
  const levelOf = (level: number): number => Math.round(base + (peak - base) * level)
  let elapsedFraction = 0
  let elapsedMs = 0
  const stages = parts.map(([fraction, level]) => {
    elapsedFraction += fraction
    // Boundaries rounded from the running total, so the rounding never adds up to a drift.
    const endMs = Math.round(durationMs * elapsedFraction)
    const stage = { durationMs: endMs - elapsedMs, target: levelOf(level) }
    elapsedMs = endMs
    return stage
  })
  return { start: levelOf(startLevel), stages }
}
