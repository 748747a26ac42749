import { formatDuration, formatLatency } from './format'
import type { GeneratorHealth, RunInterval } from './run-interval'

/**
 * Whether the load generator, rather than the target, limits a run: judged on each interval
 * (./run-interval.ts) while it happens, and summed over the run for the report. One set of rules
 * for the window, the CLI and the report.
 *
 * From inside the generator a slow target and a slow generator look alike: in both, every connection
 * is busy and the sends fall behind (open model) or slow down (closed model). What tells them apart is
 * whether the generator had time to spare. So an interval is generator-limited when its engine was
 * saturated (CPU, event loop busy, or timers firing late); sends behind schedule while it was not are
 * the target's doing (every connection was waiting for a response).
 */
export const HEALTH_LIMITS = {
  /** An engine process this busy on its core has no time left over. */
  cpuPercent: 90,
  /** An event loop this busy never waits for input: requests and responses queue up in it. */
  eventLoopBusyPercent: 90,
  /** A 10 ms timer this late: the engine could not keep time, and paced sends start as late. */
  eventLoopDelayMs: 50,
  /** Open model: sends later than this are behind schedule; less is timer granularity. */
  behindScheduleMs: 10,
  /** The share of a run's time past which the run as a whole is called generator-limited or target-slow. */
  runShare: 0.1
} as const

export type GeneratorLimit = 'cpu' | 'event-loop' | 'behind-schedule'

export interface HealthVerdict {
  /** The generator, not the target, limited this interval. */
  generatorLimited: boolean
  /** Why: 'behind-schedule' is listed when sends fell behind while the generator was saturated. */
  limits: GeneratorLimit[]
  /** Open model: sends were behind schedule while the generator had time to spare. */
  targetSlow: boolean
}

export function judgeHealth(health: GeneratorHealth): HealthVerdict {
  const limits: GeneratorLimit[] = []
  if (health.cpuPercent >= HEALTH_LIMITS.cpuPercent) limits.push('cpu')
  if (
    health.eventLoopBusyPercent >= HEALTH_LIMITS.eventLoopBusyPercent ||
    health.eventLoopDelayP99Ms >= HEALTH_LIMITS.eventLoopDelayMs
  ) {
    limits.push('event-loop')
  }
  const behind = (health.behindScheduleMs ?? 0) >= HEALTH_LIMITS.behindScheduleMs
  const saturated = limits.length > 0
  if (behind && saturated) limits.push('behind-schedule')
  return { generatorLimited: saturated, limits, targetSlow: behind && !saturated }
}

/**
 * What the window shows while the run goes, for the latest interval: a sentence when the generator
 * limits the run or the target holds the sends back, undefined while all is well.
 */
export function healthNotice(health: GeneratorHealth): string | undefined {
  const verdict = judgeHealth(health)
  const behind = health.behindScheduleMs === undefined ? '' : `; sends ${formatLatency(health.behindScheduleMs)} behind schedule`
  if (verdict.generatorLimited) {
    return `Stampede is the limit, not the target: ${saturationText(health, verdict.limits)}${verdict.limits.includes('behind-schedule') ? behind : ''}.`
  }
  if (verdict.targetSlow) return `The target is slow: every connection is waiting for a response${behind}.`
  return undefined
}

/**
 * How the generator kept up over a whole run, from every interval (before any downsampling).
 * `verdict`: 'generator-limited' when the generator limited the run for at least a tenth of its time;
 * otherwise 'target-slow' (open model) when sends fell behind schedule for at least a tenth of its
 * time while the generator was not busy; otherwise 'ok'.
 */
export interface RunHealth {
  verdict: 'ok' | 'generator-limited' | 'target-slow'
  /** Run time in intervals where the generator limited the run. */
  generatorLimitedMs: number
  /** Open model: run time in intervals where sends fell behind because of the target. */
  targetSlowMs: number
  /** The run time judged: the sum of every interval's length. */
  judgedMs: number
  /** The highest of each measure in any interval. */
  peak: GeneratorHealth
}

/** Sums the verdicts of a run's intervals as they arrive. */
export class HealthTally {
  private generatorLimitedMs = 0
  private targetSlowMs = 0
  private judgedMs = 0
  private readonly peak: GeneratorHealth = { eventLoopDelayP99Ms: 0, eventLoopBusyPercent: 0, cpuPercent: 0 }

  add(interval: RunInterval): void {
    const lengthMs = Math.max(0, interval.endMs - interval.startMs)
    const verdict = judgeHealth(interval.health)
    this.judgedMs += lengthMs
    if (verdict.generatorLimited) this.generatorLimitedMs += lengthMs
    if (verdict.targetSlow) this.targetSlowMs += lengthMs
    worstInto(this.peak, interval.health)
  }

  summary(): RunHealth {
    const share = (ms: number): number => (this.judgedMs > 0 ? ms / this.judgedMs : 0)
    const verdict =
      share(this.generatorLimitedMs) >= HEALTH_LIMITS.runShare
        ? 'generator-limited'
        : share(this.targetSlowMs) >= HEALTH_LIMITS.runShare
          ? 'target-slow'
          : 'ok'
    return {
      verdict,
      generatorLimitedMs: this.generatorLimitedMs,
      targetSlowMs: this.targetSlowMs,
      judgedMs: this.judgedMs,
      peak: { ...this.peak }
    }
  }
}

/** Raises each measure of `into` to `health`'s where higher: the merge of health across workers and time. */
export function worstInto(into: GeneratorHealth, health: GeneratorHealth): void {
  into.eventLoopDelayP99Ms = Math.max(into.eventLoopDelayP99Ms, health.eventLoopDelayP99Ms)
  into.eventLoopBusyPercent = Math.max(into.eventLoopBusyPercent, health.eventLoopBusyPercent)
  into.cpuPercent = Math.max(into.cpuPercent, health.cpuPercent)
  if (health.behindScheduleMs !== undefined) {
    into.behindScheduleMs = Math.max(into.behindScheduleMs ?? 0, health.behindScheduleMs)
  }
}

/** The report's sentence on the generator, for the summary, the CLI and every export. */
export function runHealthText(health: RunHealth): string {
  const { peak } = health
  const of = (ms: number): string =>
    `${formatDuration(ms)} of ${formatDuration(health.judgedMs)} (${Math.round((ms / health.judgedMs) * 100)}%)`
  const behind = peak.behindScheduleMs === undefined ? '' : `, sends up to ${formatLatency(peak.behindScheduleMs)} behind schedule`
  switch (health.verdict) {
    case 'generator-limited':
      return (
        `Stampede, not the target, limited the run for ${of(health.generatorLimitedMs)}: ` +
        `${saturationText(peak, judgeHealth(peak).limits)}${behind}. The target may take more: add workers (-w) or a faster machine.`
      )
    case 'target-slow':
      return (
        `The target was slow: for ${of(health.targetSlowMs)} every connection was waiting for a response${behind}, ` +
        'while Stampede had time to spare. More connections would send on time; the latency shown is what the target gave.'
      )
    case 'ok':
      return `Stampede kept up: CPU up to ${Math.round(peak.cpuPercent)}% of a core, event loop up to ${Math.round(peak.eventLoopBusyPercent)}% busy${behind}.`
  }
}

function saturationText(health: GeneratorHealth, limits: readonly GeneratorLimit[]): string {
  const parts: string[] = []
  if (limits.includes('cpu')) parts.push(`an engine process at ${Math.round(health.cpuPercent)}% CPU`)
  if (limits.includes('event-loop')) {
    parts.push(
      `its event loop ${Math.round(health.eventLoopBusyPercent)}% busy, timers up to ${formatLatency(health.eventLoopDelayP99Ms)} late`
    )
  }
  return parts.join(', ')
}
