import { peakTarget } from '../shared/load-shape'
import { shapeOf, type RunPlan } from '../shared/run-plan'
import { countOnStripe, nestStripe, WHOLE_STRIPE } from '../shared/flow/row-stripe'

/**
 * Splits one plan between engine processes: connections, requests and rate are divided as evenly as
 * whole numbers allow (the shares add up to the plan exactly), the duration and everything else is
 * the same for each. A shape's start and every stage's target are divided the same way, so the
 * shares' targets add up to the plan's at every stage, and (the ramps being linear) at every moment.
 * Never more shares than there are connections, requests or requests per second to give out, at the
 * shape's peak when it has one.
 */
export function splitPlan(plan: RunPlan, workers: number): RunPlan[] {
  const shape = shapeOf(plan)
  const peak = shape ? peakTarget(shape.start, shape.stages) : undefined
  const connections = shape?.unit === 'connections' ? (peak as number) : plan.concurrency
  const rate = shape?.unit === 'rate' ? peak : plan.ratePerSecond
  // A flow's data rows are dealt by the stripe too: no worker without a row.
  const rows = plan.flow?.data?.rows ?? Infinity
  const count = Math.max(1, Math.min(workers, connections, plan.totalRequests ?? Infinity, plan.iterations ?? Infinity, rate ?? Infinity, rows))
  return Array.from({ length: count }, (_, index) => {
    const share = (total: number): number => shareOf(total, count, index)
    return {
      ...plan,
      ...(plan.flow
        ? {
            // Rows, iteration numbers and virtual users' numbers: this worker's stripe of its segment's.
            flow: { ...plan.flow, stripe: nestStripe(index, count, plan.flow.stripe ?? WHOLE_STRIPE) },
            iterations: plan.iterations === undefined ? undefined : share(plan.iterations)
          }
        : {}),
      concurrency: share(plan.concurrency),
      totalRequests: plan.totalRequests === undefined ? undefined : share(plan.totalRequests),
      ratePerSecond: plan.ratePerSecond === undefined ? undefined : share(plan.ratePerSecond),
      stages: plan.stages?.map((stage) => ({ durationMs: stage.durationMs, target: share(stage.target) }))
    }
  })
}

/**
 * Share `index` of `total` split `count` ways: what lies on its stripe (../shared/flow/row-stripe.ts),
 * so the first `total % count` shares get one more, as a unique data file's rows are dealt.
 */
function shareOf(total: number, count: number, index: number): number {
  return countOnStripe(total, nestStripe(index, count))
}
