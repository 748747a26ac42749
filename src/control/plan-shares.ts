import type { RunPlan } from '../shared/run-plan'

/**
 * Splits one plan between engine processes: connections, requests and rate are divided as evenly as
 * whole numbers allow (the shares add up to the plan exactly), the duration and everything else is
 * the same for each. Never more shares than there are connections, requests or requests per second
 * to give out.
 */
export function splitPlan(plan: RunPlan, workers: number): RunPlan[] {
  const count = Math.max(
    1,
    Math.min(workers, plan.concurrency, plan.totalRequests ?? Infinity, plan.ratePerSecond ?? Infinity)
  )
  return Array.from({ length: count }, (_, index) => ({
    ...plan,
    concurrency: shareOf(plan.concurrency, count, index),
    totalRequests: plan.totalRequests === undefined ? undefined : shareOf(plan.totalRequests, count, index),
    ratePerSecond: plan.ratePerSecond === undefined ? undefined : shareOf(plan.ratePerSecond, count, index)
  }))
}

/** Share `index` of `total` split `count` ways: the first `total % count` shares get one more. */
function shareOf(total: number, count: number, index: number): number {
  return Math.floor(total / count) + (index < total % count ? 1 : 0)
}
