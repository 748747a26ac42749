import { peakTarget } from '../shared/load-shape'
import { shapeOf, type RunPlan } from '../shared/run-plan'

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
    ratePerSecond: plan.ratePerSecond === undefined ? undefined : share(plan.ratePerSecond),
    stages: plan.stages?.map((stage) => ({ durationMs: stage.durationMs, target: share(stage.target) }))
  }
}

/** The most segments (or workers) a plan can be split into with none of them idle. */
export function segmentsPossible(plan: RunPlan): number {
  const shape = shapeOf(plan)
  const peak = shape ? peakTarget(shape.start, shape.stages) : undefined
  const connections = shape?.unit === 'connections' ? (peak as number) : plan.concurrency
  const rate = shape?.unit === 'rate' ? peak : plan.ratePerSecond
  return Math.max(1, Math.min(connections, plan.totalRequests ?? Infinity, rate ?? Infinity))
}

/**
 * Share `index` of `total` split `count` ways: the first `total % count` shares get one more.
 * The one rule for every split (workers, segments): shares differ by at most one and add up exactly.
 */
export function shareOf(total: number, count: number, index: number): number {
  return Math.floor(total / count) + (index < total % count ? 1 : 0)
}

/**
 * Whether item `item` (0-based: a data row, an iteration) of a shared sequence belongs to stripe
 * `index` of `count`: an interleaved stripe, as k6's execution segments give each instance, so the
 * stripes cover the sequence exactly once whatever its length. Nested splits compose: stripe `w` of
 * `W` within stripe `k` of `N` is stripe `k + N × w` of `N × W` (see nestedStripe).
 */
export function inStripe(item: number, stripe: Stripe): boolean {
  return item % stripe.count === stripe.index
}

/** One stripe of a sequence: `index` (0-based) of `count`. The whole sequence is { index: 0, count: 1 }. */
export interface Stripe {
  index: number
  count: number
}

/** Stripe `inner` of the items in stripe `outer`: a worker's rows within its segment's. */
export function nestedStripe(outer: Stripe, inner: Stripe): Stripe {
  return { index: outer.index + outer.count * inner.index, count: outer.count * inner.count }
}
