import { judgeHealth } from '../shared/generator-health'
import { runLengthMs, type RunPlan } from '../shared/run-plan'
import { oneLine } from '../shared/report/report-text'
import { classifyOutcomes } from '../shared/request-outcomes'
import type { RunSnapshot } from '../shared/run-snapshot'
import { formatCount, formatDuration, formatLatency, formatPercent, formatRate } from '../shared/format'

/** "Current" req/s is measured over about this much of the most recent run time. */
const RATE_WINDOW_MS = 1000
const CLEAR_LINE = '\r\x1b[2K'

interface Sample {
  elapsedMs: number
  done: number
}

/**
 * One line on a terminal, redrawn in place with each snapshot. It draws as often as it is fed: the
 * caller's RunController throttles snapshots to about ten a second.
 */
export class ProgressLine {
  private readonly samples: Sample[] = []
  private drawn = false
  /** What the latest interval said of the generator: kept until an interval says otherwise. */
  private healthMark = ''

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly plan: RunPlan
  ) {}

  update(snapshot: RunSnapshot): void {
    this.samples.push({ elapsedMs: snapshot.elapsedMs, done: snapshot.done })
    while (this.samples.length > 1 && snapshot.elapsedMs - this.samples[1].elapsedMs >= RATE_WINDOW_MS) this.samples.shift()
    const latest = snapshot.intervals[snapshot.intervals.length - 1]
    if (latest) this.healthMark = healthMarkOf(judgeHealth(latest.health))
    const text = progressText(snapshot, this.plan, recentRate(this.samples)) + this.healthMark
    // Longer than the terminal, the line would wrap and '\r' could no longer take it back.
    const width = this.stream.columns ? this.stream.columns - 1 : text.length
    this.stream.write(CLEAR_LINE + text.slice(0, width))
    this.drawn = true
  }

  /** Leaves the cursor at the start of an empty line, ready for the summary. */
  clear(): void {
    if (this.drawn) this.stream.write(CLEAR_LINE)
    this.drawn = false
  }
}

export function progressText(snapshot: RunSnapshot, plan: RunPlan, requestsPerSecond: number): string {
  const { clientOrServerError, failed } = classifyOutcomes(snapshot)
  return [
    formatPercent(progressFraction(snapshot, plan), 1).padStart(6),
    `${formatCount(snapshot.done)} done`,
    `${formatRate(requestsPerSecond)} req/s`,
    `${formatCount(clientOrServerError)} 4xx–5xx`,
    `${formatCount(failed)} failed`,
    ...flowParts(snapshot),
    formatDuration(snapshot.elapsedMs)
  ].join('  ')
}

/**
 * A flow's iterations and failed checks, and the step that answers slowest so far (what a user
 * watching a journey wants to know first); nothing for a one-request run, whose line is as it was.
 */
function flowParts(snapshot: RunSnapshot): string[] {
  const parts: string[] = []
  if (snapshot.iterations) {
    const { completed, failed } = snapshot.iterations
    parts.push(`${formatCount(completed)} iterations${failed > 0 ? ` (${formatCount(failed)} failed)` : ''}`)
  }
  if (snapshot.checks && snapshot.checks.failed > 0) parts.push(`${formatCount(snapshot.checks.failed)} checks failed`)
  const slowest = slowestStep(snapshot)
  if (slowest) parts.push(`slowest ${oneLine(slowest.name)} p99 ${formatLatency(slowest.latencyMs.p99)}`)
  return parts
}

function slowestStep(snapshot: RunSnapshot): NonNullable<RunSnapshot['steps']>[number] | undefined {
  const answered = (snapshot.steps ?? []).filter((step) => Object.keys(step.statusCodes).length > 0)
  if (answered.length < 2) return undefined
  return answered.reduce((slowest, step) => (step.latencyMs.p99 > slowest.latencyMs.p99 ? step : slowest))
}

/** Said while it happens (see src/shared/generator-health.ts): who holds the run back. */
function healthMarkOf(verdict: ReturnType<typeof judgeHealth>): string {
  if (verdict.generatorLimited) return '  ⚠ Stampede is the limit'
  if (verdict.targetSlow) return '  ⚠ target slow, sends behind schedule'
  return ''
}

/** Of the requests for -n (the iterations for -i), of the time for -d or --stages; with both, whichever is nearer its end. */
function progressFraction(snapshot: RunSnapshot, plan: RunPlan): number {
  const lengthMs = runLengthMs(plan)
  const iterationsEnded = (snapshot.iterations?.completed ?? 0) + (snapshot.iterations?.failed ?? 0)
  // A flow counts iterations, not requests (-i).
  const byCount = plan.iterations ? iterationsEnded / plan.iterations : plan.totalRequests ? snapshot.done / plan.totalRequests : 0
  const byTime = lengthMs ? snapshot.elapsedMs / lengthMs : 0
  return Math.min(1, Math.max(byCount, byTime))
}

function recentRate(samples: Sample[]): number {
  const first = samples[0]
  const last = samples[samples.length - 1]
  const spanMs = last.elapsedMs - first.elapsedMs
  // The first snapshot has nothing before it: its average is the best there is.
  if (spanMs <= 0) return last.elapsedMs > 0 ? (last.done * 1000) / last.elapsedMs : 0
  return ((last.done - first.done) * 1000) / spanMs
}
