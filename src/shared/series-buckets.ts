/**
 * The one rule for keeping a run's series bounded, shared by the controller's exact series
 * (src/control/bounded-series.ts) and the window's live chart buffers: at most MAX_SERIES_POINTS
 * points; past that, the bucket width doubles and the points that now share a bucket merge. A point
 * holds the ticks (width × (b - 1), width × b] of its bucket b, so an interval lands in the same
 * bucket however the width got there, and both sides merge the same intervals into the same point.
 */

/** A one-hour run at ten intervals a second (36,000) keeps 563 points of 6.4 s: plenty for a screen. */
export const MAX_SERIES_POINTS = 1000

/** The bucket that holds `tick` when each point is `widthTicks` ticks wide. */
export function seriesBucket(tick: number, widthTicks: number): number {
  return Math.ceil(tick / widthTicks)
}
