/** One line of an overlay chart: its own x values (ascending), so runs of different lengths share a chart. */
export interface OverlayLine {
  label: string
  color: string
  dash?: number[]
  x: ArrayLike<number>
  /** NaN or null is a gap (no response in that point), not a zero. */
  y: ArrayLike<number | null>
}
