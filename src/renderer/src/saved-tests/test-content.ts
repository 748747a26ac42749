import type { RunPlan } from '../../../shared/run-plan'

/** What a test holds besides its name: what the designer shows and what "unsaved changes" compares. */
export interface TestContent {
  plan: RunPlan
  thresholds: readonly string[]
}

/** The same plan and thresholds, whatever order the plan's keys came in (a plan is plain JSON data). */
export function sameTestContent(a: TestContent, b: TestContent): boolean {
  return sameJson(a.plan, b.plan) && sameJson(a.thresholds, b.thresholds)
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  // A key set to undefined is a key left out, as in the JSON main stores.
  const keysOf = (value: object) => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined)
  const aKeys = keysOf(a)
  if (aKeys.length !== keysOf(b).length) return false
  return aKeys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}
