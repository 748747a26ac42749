import type { StoredRun } from '../../../shared/run-history'
import type { OverlayLine } from '../charts/overlay-line'
import { SeriesBuffer, type SeriesColumn } from '../charts/series-buffer'
import { runLabel } from './history-selectors'

/**
 * The compare view's curves: each run's series read into points by the charts' own SeriesBuffer
 * (the same rates and latencies the run's own charts show), time from each run's start.
 */

/** One run of the two, with its colour: the base is orange, the new run blue, in every chart. */
export interface ComparedRun {
  role: 'Base' | 'New'
  run: StoredRun
  color: string
  /** Its series as chart points. */
  points: SeriesBuffer
}

const COLORS = { Base: '#d08b1c', New: '#3b6ea8' } as const
const DASHED = [5, 4]

export function comparedRuns(base: StoredRun, next: StoredRun): [ComparedRun, ComparedRun] {
  const of = (role: ComparedRun['role'], run: StoredRun): ComparedRun => {
    const points = new SeriesBuffer()
    for (const interval of run.report.series?.points ?? []) points.push(interval)
    return { role, run, color: COLORS[role], points }
  }
  return [of('Base', base), of('New', next)]
}

/** "New p99 (Nov 29, 2026, 5:20:01 AM · checkout)": which run is which, in every legend. */
export const lineLabel = (compared: ComparedRun, what: string): string =>
  `${compared.role} ${what} (${runLabel(compared.run)})`

function columnLine(compared: ComparedRun, column: SeriesColumn, what: string, dash?: number[]): OverlayLine {
  return {
    label: lineLabel(compared, what),
    color: compared.color,
    dash,
    x: compared.points.view('time'),
    y: compared.points.view(column)
  }
}

/** p99 solid, p50 dashed, for each run. */
export const latencyLines = (runs: readonly ComparedRun[]): OverlayLine[] =>
  runs.flatMap((compared) => [columnLine(compared, 'p99', 'p99'), columnLine(compared, 'p50', 'p50', DASHED)])

/** Requests ended a second, any outcome: the runs' req/s over time. */
export const throughputLines = (runs: readonly ComparedRun[]): OverlayLine[] =>
  runs.map((compared) => columnLine(compared, 'endedRate', 'ended/s'))

/** Failed requests solid, 4xx–5xx responses dashed, a second. */
export const errorLines = (runs: readonly ComparedRun[]): OverlayLine[] =>
  runs.flatMap((compared) => [
    columnLine(compared, 'failedRate', 'failed/s'),
    columnLine(compared, 'clientOrServerErrorRate', '4xx–5xx/s', DASHED)
  ])

/**
 * Each run's latency histogram as a curve over the bins' lower edges, as a share of its responses
 * (in %), so runs of different sizes compare. The bins' edges are the same in every run.
 */
export const histogramLines = (runs: readonly ComparedRun[]): OverlayLine[] =>
  runs.map((compared) => {
    const bins = compared.run.report.latencyBins ?? []
    const total = bins.reduce((sum, bin) => sum + bin.count, 0)
    return {
      label: lineLabel(compared, 'responses'),
      color: compared.color,
      x: bins.map((bin) => bin.fromMs),
      y: bins.map((bin) => (total > 0 ? (bin.count * 100) / total : 0))
    }
  })
