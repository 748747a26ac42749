import { msIntoStageUntil, requestsBy, type LoadStage } from '../shared/load-shape'
import type { ArrivalTimes } from './open-schedule'

/**
 * The open model following a rate shape (a ramping arrival rate): request i is due when the
 * integral of the rate since the start reaches i, found within its stage by solving that stage's
 * quadratic (src/shared/load-shape.ts). Request numbers only grow, so a cursor walks the stages
 * forward once: constant work per request, and no memory per request however far behind the
 * server falls.
 */
export class RampingArrivals implements ArrivalTimes {
  private stage = 0
  private stageStartMs = 0
  /** Requests the stages before the cursor's ask for in all (a fraction, as the integral is). */
  private requestsBeforeStage = 0
  private stageFromRate: number

  constructor(
    private readonly startRate: number,
    private readonly stages: readonly LoadStage[]
  ) {
    this.stageFromRate = startRate
  }

  /** For the run's pace, ten times a second: the integral from the start, without the cursor. */
  requestsBy(elapsedMs: number): number {
    return requestsBy(this.startRate, this.stages, elapsedMs)
  }

  /** Call with request numbers that never decrease. Infinity for a request the shape never asks for. */
  offsetOf(request: number): number {
    while (this.stage < this.stages.length) {
      const { durationMs, target } = this.stages[this.stage]
      const intoStage = msIntoStageUntil(this.stageFromRate, target, durationMs, request - this.requestsBeforeStage)
      if (intoStage !== Infinity) return this.stageStartMs + intoStage
      this.requestsBeforeStage += ((this.stageFromRate + target) / 2) * (durationMs / 1000)
      this.stageStartMs += durationMs
      this.stageFromRate = target
      this.stage++
    }
    return Infinity
  }
}
