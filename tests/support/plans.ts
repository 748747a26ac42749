import type { RunPlan, RunPlanInput } from '../../src/shared/run-plan'
import { checkRunPlan } from '../../src/shared/validation'

/** A valid plan with validation's defaults filled in, as main hands the engine; throws if invalid. */
export function planOf(input: RunPlanInput): RunPlan {
  const check = checkRunPlan(input)
  if (!check.ok) throw new Error(`Not a valid plan: ${JSON.stringify(check)}`)
  return check.plan
}
