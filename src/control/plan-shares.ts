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
  const count = Math.max(1, Math.min(workers, segmentsPossible(plan)))
  return Array.from({ length: count }, (_, index) => segmentPlan(plan, index, count) as RunPlan)
}

/**
 * Segment `index` (0-based) of `count`: the same division as between workers, so the segments add
 * up to the plan exactly; the workers of a segment then split its share again (splitPlan). Refused
 * (undefined) when some segment would get no connection, request or rate to send: a test of 4
 * connections cannot keep 8 generators busy.
 */
export function segmentPlan(plan: RunPlan, index: number, count: number): RunPlan | undefined {
  if (count > segmentsPossible(plan)) return undefined
  const share = (total: number): number => shareOf(total, count, index)
  return {
    ...plan,
    concurrency: share(plan.concurrency),
    totalRequests: plan.totalRequests === undefined ? undefined : share(plan.totalRequests),
    ...(plan.iterations === undefined ? {} : { iterations: share(plan.iterations) }),
    ratePerSecond: plan.ratePerSecond === undefined ? undefined : share(plan.ratePerSecond),
    stages: plan.stages?.map((stage) => ({ durationMs: stage.durationMs, target: share(stage.target) })),
    // The rows this share takes: its stripe within the plan's own, so a worker of a segment nests in it.
    ...(plan.flow ? { flow: { ...plan.flow, stripe: nestStripe(index, count, plan.flow.stripe ?? WHOLE_STRIPE) } } : {})
  }
}

/** The most segments (or workers) a plan can be split into with none of them idle. */
export function segmentsPossible(plan: RunPlan): number {
  const shape = shapeOf(plan)
  const peak = shape ? peakTarget(shape.start, shape.stages) : undefined
  const connections = shape?.unit === 'connections' ? (peak as number) : plan.concurrency
  const rate = shape?.unit === 'rate' ? peak : plan.ratePerSecond
  // A flow's data rows are dealt by the stripe too: no share without a row.
  const rows = plan.flow?.data?.rows ?? Infinity
  return Math.max(1, Math.min(connections, plan.totalRequests ?? Infinity, plan.iterations ?? Infinity, rate ?? Infinity, rows))
}

/**
 * Share `index` of `total` split `count` ways: what lies on its stripe (../shared/flow/row-stripe.ts),
 * so the first `total % count` shares get one more, as a unique data file's rows are dealt. The one
 * rule for every split (workers, segments).
 */
export function shareOf(total: number, count: number, index: number): number {
  return countOnStripe(total, nestStripe(index, count))
}
