/**
 * What happened in one short stretch of a run: the time series behind the live charts, the CSV and
 * the report. Each engine closes an interval with every snapshot (about ten a second), so a run is
 * never described by a message per request.
 *
 * Alignment across engine processes: an interval is keyed by its `tick`, the number of
 * SNAPSHOT_INTERVAL_MS periods from its engine's start to the interval's end (rounded, and always at
 * least one more than the engine's previous tick). Every engine schedules its snapshots at whole
 * ticks from its own start, and the engines of a run start within a few milliseconds of each other,
 * so their intervals of the same tick cover the same stretch of the run; src/control merges them
 * (counts added, histograms merged) into one. Every request is counted in exactly one interval of
 * exactly one engine, so the merged series adds up to the run's totals exactly; only the time
 * bounds are as close as the engines' start skew and timer lateness (a few ms).
 */

/** How often each engine posts a snapshot and closes an interval. */
export const SNAPSHOT_INTERVAL_MS = 100

/** One interval's latency, in ms; all zero when no response completed in it. */
export interface IntervalLatency {
  p50: number
  p90: number
  p99: number
  max: number
}

export const EMPTY_INTERVAL_LATENCY: IntervalLatency = { p50: 0, p90: 0, p99: 0, max: 0 }

/**
 * How the load generator itself was doing, so a slow generator is never mistaken for a slow target
 * (judged by ./generator-health.ts). Merged across engine processes and adjacent intervals as the
 * worst value, since one saturated worker is enough to limit a run.
 */
export interface GeneratorHealth {
  /** Node's monitorEventLoopDelay: the 99th percentile of how late a 10 ms timer fired. */
  eventLoopDelayP99Ms: number
  /** performance.eventLoopUtilization(): the share of the time the event loop was busy, 0-100. */
  eventLoopBusyPercent: number
  /** The engine process's CPU time (user + system) over the wall time, in % of one core. */
  cpuPercent: number
  /**
   * Open model only: how far behind schedule the interval's sends started, the most of any send
   * (actual send - due time) and of the oldest request still due and unsent at the interval's end.
   * This is the fact, whatever its cause: a busy generator, or every connection waiting on the target.
   */
  behindScheduleMs?: number
}

/** The encoded HdrHistograms of one interval (see src/engine/latency-histogram.ts), for exact merges. */
export interface IntervalHistograms {
  latency: string
  ttfb: string
  /** Open model only. */
  rawLatency?: string
}

export interface RunInterval {
  tick: number
  /** Run time at the interval's start and end, in ms from the start of the run. */
  startMs: number
  endMs: number
  /** Full responses that arrived in the interval, in the classes of ./request-outcomes.ts. */
  responses: { ok: number; clientOrServerError: number }
  /** Requests that ended in the interval without a response, for a reason of the target's or the network's. */
  failed: number
  /** Requests the user's own cancel cut short in the interval. */
  aborted: number
  /** Response body bytes read in the interval. */
  bytesRead: number
  /** Requests started in the interval. */
  sent: number
  /** Open model only: requests due in the interval by the schedule, sent or not. */
  due?: number
  /** Of the responses completed in the interval, counted as the run's latency is (./run-snapshot.ts). */
  latencyMs: IntervalLatency
  /** Time to first byte of the same responses: to the response's headers, from the same start. */
  ttfbMs: IntervalLatency
  /** Open model only: latency from the actual send rather than the due time (what coordinated omission would show). */
  rawLatencyMs?: IntervalLatency
  /** Connections open at the interval's end. */
  activeConnections: number
  /**
   * Only while a shaped plan runs (./load-shape.ts): the target the shape sets at the interval's
   * end, requests a second (open model) or connections (closed model), beside what was achieved.
   * Across engine processes, the sum of theirs: each runs its share of the shape (src/control/plan-shares.ts).
   */
  target?: number
  health: GeneratorHealth
  /**
   * Between the engine and src/control only: the interval's histograms, so workers' intervals and
   * adjacent intervals merge exactly. Stripped before a snapshot goes to the window.
   */
  histograms?: IntervalHistograms
}

/** The requests that ended in an interval, any outcome. */
export function intervalEnded(interval: RunInterval): number {
  return interval.responses.ok + interval.responses.clientOrServerError + interval.failed + interval.aborted
}

/** Requests ended per second over the interval (the same measure as the run's requestsPerSecond). */
export function intervalRate(interval: RunInterval): number {
  const spanMs = interval.endMs - interval.startMs
  return spanMs > 0 ? (intervalEnded(interval) * 1000) / spanMs : 0
}

/** The interval as the window sees it: the same, without the encoded histograms. */
export function withoutHistograms(interval: RunInterval): RunInterval {
  if (!interval.histograms) return interval
  const { histograms: _histograms, ...rest } = interval
  return rest
}

/**
 * A run's series at the end: every interval, or, for a long run, adjacent intervals merged exactly
 * into buckets of `bucketMs` so the series stays bounded (src/control/run-series.ts).
 */
export interface RunSeries {
  /** The width of each point: SNAPSHOT_INTERVAL_MS doubled as often as the run's length needed. */
  bucketMs: number
  points: RunInterval[]
}
