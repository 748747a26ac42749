import { expect } from 'vitest'
import { classifyOutcomes, type RequestOutcomes } from '../../src/shared/request-outcomes'
import type { RunPlanInput } from '../../src/shared/run-plan'
import type { RunResult } from '../../src/shared/run-snapshot'
import type { EngineClient } from './engine-client'
import { planOf } from './plans'
import { respondOk, type TargetServers } from './target-server'

/**
 * What every fault test checks besides its own fault: the run finished, within its time bound, with
 * each of its planned requests ended exactly one way; and the same engine then runs a plain batch
 * correctly.
 */

/** Runs `input` to its result on `engine`, which must finish within `withinMs` of engine time. */
export async function runFault(
  engine: EngineClient,
  input: RunPlanInput,
  withinMs: number
): Promise<{ result: RunResult; outcomes: RequestOutcomes }> {
  const plan = planOf(input)
  const { result } = await engine.finish(engine.start(plan))
  expect(result.outcome).toBe('finished')
  expect(result.elapsedMs).toBeLessThan(withinMs)
  const outcomes = classifyOutcomes(result)
  expect(outcomes.sent).toBe(outcomes.completed + outcomes.failed + outcomes.aborted)
  expect(outcomes.sent).toBe(result.done)
  expect(outcomes.sent).toBe(plan.totalRequests)
  return { result, outcomes }
}

/** The engine still works: a plain batch against a well-behaved target, counted exactly. */
export async function expectHealthy(engine: EngineClient, targets: TargetServers): Promise<void> {
  const server = await targets.start(respondOk)
  const totalRequests = 100
  const { result } = await engine.finish(engine.start(planOf({ url: server.url, totalRequests, concurrency: 4 })))
  expect(result).toMatchObject({ outcome: 'finished', done: totalRequests, statusCodes: { '200': totalRequests }, errorKinds: {} })
  expect(server.received).toBe(totalRequests)
  expect(result.bytesRead).toBe(totalRequests * 'ok'.length)
}
