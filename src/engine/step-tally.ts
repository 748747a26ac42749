import type { CheckTally, StepResult, StepSnapshot } from '../shared/flow/step-results'
import { ERROR_EXAMPLE_LENGTH, ERROR_KINDS, type ErrorKind } from '../shared/run-snapshot'
import { createLatencyHistogram, encodeHistogram, summarizeInMs } from './latency-histogram'

/**
 * One step's own figures, kept beside the run's (whose request figures stay the sum over the steps):
 * status codes and error kinds, latency and TTFB HdrHistograms, each check's passes and failures,
 * and the captures that found nothing with the first example of why. Fixed-size state.
 */
export class StepTally {
  done = 0
  private readonly statusCodes = new Map<number, number>()
  private readonly errorCounts = new Float64Array(ERROR_KINDS.length)
  private readonly errorExamples: Partial<Record<ErrorKind, string>> = {}
  private readonly latency = createLatencyHistogram()
  private readonly ttfb = createLatencyHistogram()
  private readonly passed: Float64Array
  private readonly failed: Float64Array
  private captureFailures = 0
  private captureExample: string | undefined

  constructor(
    readonly name: string,
    private readonly checkTexts: readonly string[]
  ) {
    this.passed = new Float64Array(checkTexts.length)
    this.failed = new Float64Array(checkTexts.length)
  }

  recordResponse(statusCode: number, latencyMicros: number, ttfbMicros: number): void {
    this.done++
    this.statusCodes.set(statusCode, (this.statusCodes.get(statusCode) ?? 0) + 1)
    this.latency.recordValue(latencyMicros)
    this.ttfb.recordValue(ttfbMicros)
  }

  recordError(kind: ErrorKind, message: string): void {
    this.done++
    this.errorCounts[ERROR_KINDS.indexOf(kind)]++
    this.errorExamples[kind] ??= message.slice(0, ERROR_EXAMPLE_LENGTH)
  }

  recordCheck(index: number, passed: boolean): void {
    if (passed) this.passed[index]++
    else this.failed[index]++
  }

  /** A capture found nothing: `example` is the capture, why, and the start of the body it searched. */
  recordCaptureFailure(example: () => string): void {
    this.captureFailures++
    this.captureExample ??= example().slice(0, ERROR_EXAMPLE_LENGTH)
  }

  checkTotals(): { passed: number; failed: number } {
    let passed = 0
    let failed = 0
    for (let i = 0; i < this.checkTexts.length; i++) {
      passed += this.passed[i]
      failed += this.failed[i]
    }
    return { passed, failed }
  }

  snapshot(): StepSnapshot {
    const statusCodes: Record<string, number> = {}
    for (const [code, count] of [...this.statusCodes].sort(([a], [b]) => a - b)) statusCodes[String(code)] = count
    const errorKinds: StepSnapshot['errorKinds'] = {}
    ERROR_KINDS.forEach((kind, index) => {
      if (this.errorCounts[index] > 0) errorKinds[kind] = this.errorCounts[index]
    })
    const checks: CheckTally[] = this.checkTexts.map((check, index) => ({ check, passed: this.passed[index], failed: this.failed[index] }))
    return {
      name: this.name,
      done: this.done,
      statusCodes,
      errorKinds,
      ...(Object.keys(this.errorExamples).length > 0 ? { errorExamples: { ...this.errorExamples } } : {}),
      latencyMs: summarizeInMs(this.latency),
      ttfbMs: summarizeInMs(this.ttfb),
      checks,
      captures: { failed: this.captureFailures, ...(this.captureExample === undefined ? {} : { example: this.captureExample }) }
    }
  }

  result(): StepResult {
    return { ...this.snapshot(), histogram: encodeHistogram(this.latency), ttfbHistogram: encodeHistogram(this.ttfb) }
  }
}
