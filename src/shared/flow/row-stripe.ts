/**
 * The one rule that splits a shared sequence between the instances of a run, after k6's execution
 * segments (lib/execution_segment.go): each instance takes an interleaved stripe, offset, offset +
 * step, offset + 2 step, ... so the stripes cover the sequence exactly once whatever their number.
 * Used for the data file's rows and, through countOnStripe, for every whole number a plan splits
 * (connections, iterations, requests, rates): the counts add up to the whole.
 *
 * Nested: a segment of a test split across machines is a stripe, and a worker inside it a stripe of
 * that stripe (nestStripe).
 */
export interface RowStripe {
  /** The first index taken. */
  offset: number
  /** The distance between two indexes taken: the number of instances. */
  step: number
}

/** The whole sequence: a run that is not split. */
export const WHOLE_STRIPE: RowStripe = { offset: 0, step: 1 }

/** Instance `index` of `count`, inside `outer` (the whole sequence unless given). */
export function nestStripe(index: number, count: number, outer: RowStripe = WHOLE_STRIPE): RowStripe {
  return { offset: outer.offset + outer.step * index, step: outer.step * count }
}

/** How many of the indexes 0 to total - 1 lie on the stripe. */
export function countOnStripe(total: number, { offset, step }: RowStripe): number {
  return total <= offset ? 0 : Math.floor((total - offset - 1) / step) + 1
}

/** Is index on the stripe? */
export function onStripe(index: number, { offset, step }: RowStripe): boolean {
  return index >= offset && (index - offset) % step === 0
}
