import type { ArrivalTimes } from './open-schedule'

/** The open model at a steady rate: request i is due i / rate seconds after the start. */
export class ConstantArrivals implements ArrivalTimes {
  private readonly intervalMs: number

  constructor(ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond
  }

  offsetOf(request: number): number {
    return request * this.intervalMs
  }

  requestsBy(elapsedMs: number): number {
    return elapsedMs / this.intervalMs
  }
}
