import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DemoTarget } from '../main/demo-target'
import { ENGINE_NODE_FLAGS } from '../main/engine-process'
import { spawnNodeProcess } from '../main/node-process'
import { splitPlan } from '../main/plan-shares'
import { RunController } from '../main/run-controller'
import type { FromDemoTarget, FromEngine, ToEngine } from '../shared/engine-protocol'
import type { RunResult } from '../shared/run-snapshot'
import type { RunCommand } from './arguments'
import { jsonReport } from './json-report'
import { ProgressLine } from './progress-line'
import { summaryText } from './summary'

/** About ten progress lines a second: smooth to the eye, nothing for a terminal. */
const PROGRESS_INTERVAL_MS = 100

/** electron-vite builds the engine and the demo target into out/main/, beside this bundle's out/cli/. */
function builtEntry(name: 'engine' | 'demo-target'): string {
  return join(__dirname, '..', 'main', `${name}.js`)
}

/**
 * Runs one load test to its end and prints it; resolves with the exit status. The engine processes
 * are the app's own, driven by the app's RunController, so the CLI and the window count alike.
 */
export async function runHeadless(command: RunCommand): Promise<number> {
  const enginePath = builtEntry('engine')
  const demoPath = builtEntry('demo-target')
  for (const path of command.demo ? [enginePath, demoPath] : [enginePath]) {
    if (!existsSync(path)) return fail(`${path} is missing: run \`npm run build\` first.`)
  }

  // The summary names the engine processes the run really uses (the group starts no more).
  const workers = splitPlan(command.plan, command.workers).length
  const controller = new RunController({
    spawnEngine: () => spawnNodeProcess<ToEngine, FromEngine>(enginePath, ENGINE_NODE_FLAGS),
    workers,
    progressIntervalMs: PROGRESS_INTERVAL_MS
  })
  const demoTarget = command.demo
    ? new DemoTarget(() => spawnNodeProcess<never, FromDemoTarget>(demoPath))
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

  try {
    const plan = demoTarget ? { ...command.plan, url: await demoTarget.url() } : command.plan
    const progress = process.stderr.isTTY ? new ProgressLine(process.stderr, plan) : undefined
    if (progress) controller.onProgress((snapshot) => progress.update(snapshot))
    const done = new Promise<RunResult>((resolve) => controller.onDone(resolve))

    if (phase === 'preparing') phase = 'running'
    const reply = await controller.start(plan)
    if (!reply.ok) {
      return fail(reply.message ?? `The run was refused: ${Object.values(reply.errors).join(' ')}`)
    }
    const result = await done
    progress?.clear()

    const report = jsonReport(plan, result)
    process.stdout.write(command.json ? `${JSON.stringify(report)}\n` : summaryText(report, { plan, workers }))
    if (result.outcome === 'crashed') return fail(result.message ?? 'The engine stopped unexpectedly.')
    // A cancelled run did not finish: scripts must not take its numbers for a whole run.
    return result.outcome === 'finished' ? 0 : 1
  } finally {
    await dispose()
    process.off('SIGINT', onInterrupt)
  }
}

function fail(message: string): number {
  process.stderr.write(`stampede: ${message}\n`)
  return 1
}
