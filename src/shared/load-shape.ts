/**
 * A load shape: a starting target and a list of stages, each ramping linearly from the target before
 * it to its own over its duration (k6's semantics). In the open model the targets are request rates
 * (requests a second), in the closed model connection counts. A stage of 0 ms is a jump.
 *
 * The one definition of a shape's arithmetic: the form draws it with these, the engine runs it with
 * them, and src/control splits it with them.
 */
export interface LoadStage {
  durationMs: number
  target: number
}

/** How long the stages last together. */
export function shapeDurationMs(stages: readonly LoadStage[]): number {
  let total = 0
  for (const stage of stages) total += stage.durationMs
  return total
}

/** The highest target the shape reaches, its start included. */
export function peakTarget(start: number, stages: readonly LoadStage[]): number {
  let peak = start
  for (const stage of stages) peak = Math.max(peak, stage.target)
  return peak
}

/**
 * The target at `atMs` after the start: interpolated within the stage that holds it; a 0 ms stage at
 * that moment has already jumped. Before the start, `start`; after the end, the last target.
 */
export function targetAt(start: number, stages: readonly LoadStage[], atMs: number): number {
  let from = start
  let begin = 0
  for (const stage of stages) {
    const end = begin + stage.durationMs
    if (atMs < end) return atMs <= begin ? from : from + ((stage.target - from) * (atMs - begin)) / stage.durationMs
    from = stage.target
    begin = end
  }
  return from
}

/**
 * Requests a rate shape asks for from its start until `atMs`: the integral of the rate (requests a
 * second), stage by stage a trapezoid.
 */
export function requestsBy(startRate: number, stages: readonly LoadStage[], atMs: number): number {
  let from = startRate
  let begin = 0
  let total = 0
  for (const stage of stages) {
    if (atMs <= begin) break
    const span = Math.min(atMs, begin + stage.durationMs) - begin
    const rateAtSpanEnd = stage.durationMs > 0 ? from + ((stage.target - from) * span) / stage.durationMs : from
    total += ((from + rateAtSpanEnd) / 2) * (span / 1000)
    from = stage.target
    begin += stage.durationMs
  }
  return total
}

/** Every request a rate shape asks for, start to end: what the form shows as its total. */
export function impliedRequests(startRate: number, stages: readonly LoadStage[]): number {
  return requestsBy(startRate, stages, shapeDurationMs(stages))
}

/**
 * Within one stage ramping from `fromRate` to `toRate` over `durationMs`, how long after the stage's
 * start `requests` requests have been asked for: the root of rate·t + (Δrate/2·duration)·t² =
 * requests, written so that it stays exact when the ramp is flat or the rate starts at 0. Infinity
 * when the stage asks for fewer than `requests` in all.
 */
export function msIntoStageUntil(fromRate: number, toRate: number, durationMs: number, requests: number): number {
  if (requests <= 0) return 0
  const perMs = fromRate / 1000
  const curve = durationMs > 0 ? (toRate - fromRate) / 1000 / (2 * durationMs) : 0
  let ms: number
  if (perMs === 0) {
    // From a standing start, curve·t² = requests: solved directly, since the general form's
    // 4·curve·requests underflows to 0 for a vanishing request count and would read as never.
    if (curve <= 0) return Infinity
    ms = Math.sqrt(requests / curve)
  } else {
    // A negative discriminant means more requests than the parabola's peak, which lies at or past
    // the stage's end; it can also be a rounding error at a ramp to 0, whose peak is the stage's last
    // instant. Read as 0 it gives the peak's time, 2·requests/rate, and the check below tells a
    // request due at the end (a rounding error past it) from one the stage never asks for.
    const discriminant = Math.max(0, perMs * perMs + 4 * curve * requests)
    ms = (2 * requests) / (perMs + Math.sqrt(discriminant))
  }
  // A request due on the stage's last instant may come out a rounding error past it.
  if (ms > durationMs * (1 + 1e-9)) return Infinity
  return Math.min(ms, durationMs)
}

/**
 * The first moment after `atMs` at which the target, rounded to a whole number (Math.round, as the
 * closed model opens whole connections), differs from its value at `atMs`: when a ramp crosses the
 * next half, or a 0 ms stage jumps. Infinity when it never changes again. A falling ramp is still at
 * the old whole number exactly on the half, so the moment returned is where the change begins.
 */
export function nextWholeChangeMs(start: number, stages: readonly LoadStage[], atMs: number): number {
  const now = Math.round(targetAt(start, stages, atMs))
  let from = start
  let begin = 0
  for (const stage of stages) {
    const end = begin + stage.durationMs
    if (stage.durationMs === 0) {
      if (begin > atMs && Math.round(stage.target) !== now) return begin
    } else if (end > atMs) {
      const up = now + 0.5
      const down = now - 0.5
      const at = (value: number): number => begin + ((value - from) / (stage.target - from)) * stage.durationMs
      if (stage.target >= up) return Math.max(at(up), atMs)
      if (stage.target < down) return Math.max(at(down), atMs)
    }
    from = stage.target
    begin = end
  }
  return Infinity
}
