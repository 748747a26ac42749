import { availableParallelism } from 'node:os'
import { PLAN_LIMITS, type RunPlan } from '../shared/run-plan'

/**
 * How many engine processes a run uses unless told otherwise: one per core, less one left for
 * everything else (the UI or the CLI, the OS, and often the target itself on a developer's machine).
 */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1)
}

/**
 * The engine processes a run asks for: the plan's own count, else the front end's default; never
 * past PLAN_LIMITS.workers. (The run may use fewer: see ./plan-shares.ts.)
 */
export function workersAskedFor(plan: Pick<RunPlan, 'workers'>, defaultWorkers: number): number {
  return Math.min(plan.workers ?? defaultWorkers, PLAN_LIMITS.workers)
}
