import type { RunPlan } from './run-plan'
import type { RunResult, RunSnapshot } from './run-snapshot'

/**
 * Messages between main and an engine process (an Electron utility process in the app, a
 * child_process.fork in tests). One run at a time per engine process.
 */
export type ToEngine =
  /**
   * `startAtMs` (wall clock, epoch ms): send nothing before that instant, and start the schedule
   * there, so generators on several machines tick together (stampede run --start-at, the barrier).
   */
  | { type: 'start'; runId: number; plan: RunPlan; startAtMs?: number }
  /** Stop starting requests, abort those in flight, answer 'cancelled' at once, then 'result'. */
  | { type: 'cancel'; runId: number }

export type FromEngine =
  /** Posted once the process can take a 'start'. */
  | { type: 'ready' }
  /** About 10 a second while a run goes on. */
  | { type: 'progress'; snapshot: RunSnapshot }
  /** The cancel took effect: no request starts after this message is posted. */
  | { type: 'cancelled'; runId: number; done: number }
  /** Exactly one per started run, last: outcome 'finished' or 'cancelled'. */
  | { type: 'result'; result: RunResult }
  /** A start that could not run (bad plan, a run already going). */
  | { type: 'rejected'; runId: number; message: string }
  /**
   * The engine failed inside (an exception or a promise rejection nothing caught: a bug, never a
   * request's failure). Posted at most once; the process then exits with a non-zero code, and a run
   * going on gets no 'result'. `message` is the fault's own text ("TypeError: ..."), for the logs and
   * the error the run ends with.
   */
  | { type: 'fatal'; message: string }

/** Messages between main and the demo target process. */
export type FromDemoTarget = { type: 'listening'; port: number }
