import { join } from 'node:path'
import { requireBuiltEntry } from '../control/built-entries'
import { DemoTargetProcess } from '../control/demo-target-process'
import { ENGINE_NODE_FLAGS } from '../control/engine-process'
import { spawnNodeProcess } from '../control/node-process'
import { splitPlan } from '../control/plan-shares'
import { RunController } from '../control/run-controller'
import type { FromDemoTarget, FromEngine, ToEngine } from '../shared/engine-protocol'
import { buildRunReport, jsonOutput, thresholdsPassed } from '../shared/report/run-report'
import { crashMessage, type RunResult } from '../shared/run-snapshot'
import type { RunCommand } from './arguments'
import { ProgressLine } from './progress-line'
import { writeReportFiles } from './report-files'
import { summaryText } from './summary'
import { segmentStart, segmentOutput } from './segment-run'

/** About ten progress lines a second: smooth to the eye, nothing for a terminal. */
const PROGRESS_LINE_INTERVAL_MS = 100

/** This bundle is out/cli/index.js; the engine and the demo target are built into out/main/. */
const BUILD_OUT_DIR = join(__dirname, '..')

/** Exit status of a run that finished with a threshold failed (0: finished, all passed; 1: did not finish). */
export const THRESHOLD_FAILED_STATUS = 3

/**
 * Runs one load test to its end, prints it and writes the files asked for; resolves with the exit
 * status. The engine processes are the app's own, driven by the app's RunController, so the CLI and
 * the window count alike.
 */
export async function runHeadless(command: RunCommand): Promise<number> {
  let enginePath: string
  let demoPath: string | undefined
  try {
    enginePath = requireBuiltEntry('engine', BUILD_OUT_DIR)
    if (command.demo) demoPath = requireBuiltEntry('demo-target', BUILD_OUT_DIR)
  } catch (error) {
    return fail((error as Error).message)
  }

  // A segment runs its share of the test (./segment-run.ts); everything else is as for a whole run.
  const segment = command.distributed?.segment
  const runPlan = segment?.share ?? command.plan
  // The summary names the engine processes the run really uses (the group starts no more).
  const workers = splitPlan(runPlan, command.workers).length
  const controller = new RunController({
    spawnEngine: () => spawnNodeProcess<ToEngine, FromEngine>(enginePath, ENGINE_NODE_FLAGS),
    workers,
    progressIntervalMs: PROGRESS_LINE_INTERVAL_MS,
    seriesWithHistograms: segment !== undefined
  })
  const demoTarget = demoPath
    ? new DemoTargetProcess(() => spawnNodeProcess<never, FromDemoTarget>(demoPath))
    : undefined
  const dispose = async (): Promise<void> => {
    await Promise.all([controller.dispose(), demoTarget?.dispose()])
  }

  let phase: 'preparing' | 'running' | 'stopping' = 'preparing'
  const onInterrupt = (): void => {
    if (phase === 'running') {
      phase = 'stopping'
      if (process.stderr.isTTY) process.stderr.write('\nStopping… (Ctrl-C again to quit at once)\n')
      void controller.cancel()
      return
    }
    // Nothing was sent yet, or this is the second Ctrl-C: leave without waiting for a result.
    if (phase === 'preparing') process.stderr.write('Stopped before the run started.\n')
    void dispose().finally(() => process.exit(1))
  }
  process.on('SIGINT', onInterrupt)
  // Asked to quit (a service manager, a closed terminal): the engines and the demo target are ended
  // here, by signal, rather than left to notice their lost parent once their event loops get to it.
  const onQuit = (signal: NodeJS.Signals): void => {
    void dispose().finally(() => process.exit(128 + (signal === 'SIGHUP' ? 1 : 15)))
  }
  process.on('SIGTERM', onQuit)
  process.on('SIGHUP', onQuit)

  try {
    const plan = demoTarget ? { ...runPlan, url: await demoTarget.url() } : runPlan
    const progress = process.stderr.isTTY ? new ProgressLine(process.stderr, plan) : undefined
    if (progress) controller.onProgress((snapshot) => progress.update(snapshot))
    const done = new Promise<RunResult>((resolve) => controller.onDone(resolve))

    const start = await segmentStart(command, controller, plan)
    if (!start.ok) return fail(start.message)
    if (phase === 'preparing') phase = 'running'
    const startedAt = new Date(start.startAtMs ?? Date.now()).toISOString()
    const reply = await controller.start(plan, start)
    if (!reply.ok) {
      return fail(reply.message ?? `The run was refused: ${Object.values(reply.errors).join(' ')}`)
    }
    const result = await done
    progress?.clear()

    // A segment's thresholds are judged on the merge, not on its share (an rps limit is the whole test's).
    const thresholds = segment ? [] : command.thresholds
    const report = buildRunReport({ plan, result, workers, thresholds, startedAt })
    const files = writeReportFiles(command.outputs, report)
    if (segment) {
      process.stdout.write(segmentOutput(command, segment, { report, result, workers, start }))
      process.stderr.write(summaryText(report))
    } else if (command.json) process.stdout.write(`${JSON.stringify(jsonOutput(report))}\n`)
    else process.stdout.write(summaryText(report) + files.written.map((line) => `${line}\n`).join(''))
    for (const problem of files.problems) fail(problem)
    if (result.outcome === 'crashed') return fail(result.message ?? crashMessage())
    // A cancelled run did not finish: scripts must not take its numbers for a whole run.
    if (result.outcome !== 'finished' || files.problems.length > 0) return 1
    return thresholdsPassed(report) ? 0 : THRESHOLD_FAILED_STATUS
  } finally {
    await dispose()
    process.off('SIGINT', onInterrupt)
    process.off('SIGTERM', onQuit)
    process.off('SIGHUP', onQuit)
  }
}

function fail(message: string): number {
  process.stderr.write(`stampede: ${message}\n`)
  return 1
}
