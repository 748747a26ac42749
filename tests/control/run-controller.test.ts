import { afterEach, describe, expect, it } from 'vitest'
import type { FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import type { RunPlan } from '../../src/shared/run-plan'
import { planOf } from '../support/plans'
import type { StartRunReply } from '../../src/shared/ipc'
import { RunController } from '../../src/control/run-controller'
import { spawnNodeProcess } from '../../src/control/node-process'
import {
  answerThenHold,
  respondAfter,
  respondOk,
  TargetServers,
  type Responder,
  type TargetServer
} from '../support/target-server'
import { engineSpawner, isAlive, type RecordingSpawner } from '../support/child-processes'
import { RunRecorder } from '../support/run-recorder'

// The controller with the real built engine (a Node child) against a local counting server.
const INTERVAL_MS = 50

let engines: RecordingSpawner<ToEngine, FromEngine>
let controller: RunController
let recorder: RunRecorder
const targets = new TargetServers()

async function setUp(): Promise<void> {
  engines = engineSpawner()
  controller = new RunController({ spawnEngine: engines.spawn, progressIntervalMs: INTERVAL_MS })
  recorder = new RunRecorder(controller)
}

const server = (responder: Responder = respondOk): Promise<TargetServer> => targets.start(responder)

function plan(target: TargetServer, totalRequests: number, concurrency: number): RunPlan {
  return planOf({ url: target.url, totalRequests, concurrency })
}

function runIdOf(reply: StartRunReply): number {
  if (!reply.ok) throw new Error(`start refused: ${reply.message ?? JSON.stringify(reply.errors)}`)
  return reply.runId
}

afterEach(async () => {
  await controller?.dispose()
  await engines?.killAll()
  await targets.closeAll()
})

describe('RunController with the real engine', () => {
  it('finishes a run: done equals what the server received, final progress then one done', async () => {
    await setUp()
    const target = await server(respondAfter(2))
    const runId = runIdOf(await controller.start(plan(target, 2000, 10)))
    const result = await recorder.done(runId)

    expect(result.outcome).toBe('finished')
    expect(result.done).toBe(2000)
    expect(target.received).toBe(2000)
    expect(result.statusCodes).toEqual({ '200': 2000 })

    const events = recorder.forRun(runId)
    expect(events.at(-1)?.kind).toBe('done')
    expect(events.filter((event) => event.kind === 'done')).toHaveLength(1)
    const finalProgress = events.at(-2)
    expect(finalProgress?.kind).toBe('progress')
    const {
      outcome: _outcome,
      message: _message,
      histogram: _histogram,
      ttfbHistogram: _ttfbHistogram,
      rawLatencyHistogram: _rawLatencyHistogram,
      series: _series,
      health: _health,
      latencyBins: _latencyBins,
      ...finalSnapshot
    } = result
    expect(finalProgress?.value).toEqual(finalSnapshot)

    const progress = events.filter((event) => event.kind === 'progress')
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(INTERVAL_MS - 1)
    }
    const span = progress.at(-1)!.at - progress[0].at
    expect(progress.length).toBeLessThanOrEqual(Math.floor(span / INTERVAL_MS) + 2)
    const counts = progress.map((event) => event.value.done)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))

    // Snapshots were coalesced on the way (the engine posts about every 100 ms, the page gets at
    // most one each INTERVAL_MS), yet every interval reached the page once: they add up to the run.
    const delivered = progress.flatMap((event) => event.value.intervals)
    expect(delivered.map((interval) => interval.tick)).toEqual([...new Set(delivered.map((interval) => interval.tick))].sort((a, b) => a - b))
    expect(delivered.reduce((sum, interval) => sum + interval.responses.ok, 0)).toBe(2000)
    expect(delivered.reduce((sum, interval) => sum + interval.sent, 0)).toBe(2000)
    expect(delivered.every((interval) => interval.histograms === undefined)).toBe(true)
    // The result's series is the same intervals, kept by the controller.
    expect(result.series?.points).toEqual(delivered)
    expect(result.health?.judgedMs).toBeGreaterThan(0)
    expect(result.latencyBins?.reduce((sum, bin) => sum + bin.count, 0)).toBe(2000)
  })

  it('refuses a start while a run is going, and the going run is unharmed', async () => {
    await setUp()
    const target = await server(answerThenHold(20))
    const runId = runIdOf(await controller.start(plan(target, 1000, 5)))
    await target.waitForReceived(25)
    const second = await controller.start(plan(target, 10, 1))
    expect(second).toEqual({ ok: false, errors: {}, message: expect.stringMatching(/already going/) })

    await controller.cancel()
    const result = await recorder.done(runId)
    expect(result.outcome).toBe('cancelled')
    await target.waitForSocketsClosed()
    expect(target.received).toBe(25)
  })

  it('cancels mid-run: resolves at the ack, then done cancelled, and nothing reaches the server after', async () => {
    await setUp()
    const target = await server(answerThenHold(300))
    const runId = runIdOf(await controller.start(plan(target, 100_000, 10)))
    await target.waitForReceived(310)

    const reply = await controller.cancel()
    const receivedAtAck = target.received
    expect(reply).toEqual({ cancelled: true, done: 300 })
    expect(recorder.forRun(runId).some((event) => event.kind === 'done')).toBe(false)

    const result = await recorder.done(runId)
    expect(result.outcome).toBe('cancelled')
    expect(result.done).toBeGreaterThanOrEqual(300)
    expect(result.statusCodes).toEqual({ '200': 300 })
    await target.waitForSocketsClosed()
    expect(target.received).toBe(receivedAtAck)
    expect(receivedAtAck).toBe(310)
    expect(recorder.forRun(runId).at(-2)?.kind).toBe('progress')
  })

  it('answers a cancel with nothing running at once', async () => {
    await setUp()
    expect(await controller.cancel()).toEqual({ cancelled: false, done: 0 })
    expect(engines.spawned).toHaveLength(0)
  })

  it('reports a killed engine as crashed with the results it had, and the next run gets a fresh engine', async () => {
    await setUp()
    const target = await server(answerThenHold(200))
    const runId = runIdOf(await controller.start(plan(target, 100_000, 10)))
    await target.waitForReceived(210)
    await recorder.progress((snapshot) => snapshot.runId === runId && snapshot.done >= 200)
    const [crashedPid] = engines.pids
    process.kill(crashedPid, 'SIGKILL')

    const result = await recorder.done(runId)
    expect(result.outcome).toBe('crashed')
    expect(result.message).toMatch(/^The engine process stopped unexpectedly.*results collected until then are shown\.$/)
    expect(result.done).toBe(200)
    expect(result.statusCodes).toEqual({ '200': 200 })
    const events = recorder.forRun(runId)
    expect(events.at(-2)).toMatchObject({ kind: 'progress', value: { done: 200 } })
    expect(events.filter((event) => event.kind === 'done')).toHaveLength(1)
    expect(isAlive(crashedPid)).toBe(false)

    const next = await server()
    const nextRunId = runIdOf(await controller.start(plan(next, 500, 10)))
    const nextResult = await recorder.done(nextRunId)
    expect(nextResult).toMatchObject({ outcome: 'finished', done: 500 })
    expect(next.received).toBe(500)
    expect(engines.pids).toHaveLength(2)
    expect(engines.pids[1]).not.toBe(crashedPid)
  })

  it('resolves a pending cancel when the engine dies before acking it', async () => {
    await setUp()
    const target = await server(answerThenHold(0))
    const runId = runIdOf(await controller.start(plan(target, 1000, 4)))
    await target.waitForReceived(4)
    // Kill first, then ask: the cancel can only be answered by the exit.
    engines.latest().channel.kill()
    const reply = await controller.cancel()
    expect(reply.cancelled).toBe(false)
    expect((await recorder.done(runId)).outcome).toBe('crashed')
  })

  it('reuses one engine process across runs', async () => {
    await setUp()
    const target = await server()
    for (let i = 0; i < 3; i++) {
      const runId = runIdOf(await controller.start(plan(target, 100, 5)))
      expect((await recorder.done(runId)).done).toBe(100)
    }
    expect(target.received).toBe(300)
    expect(engines.spawned).toHaveLength(1)
  })

  it('runs 100 start/cancel cycles on one engine process: no process added, each run ends once, cancelled', async () => {
    await setUp()
    const target = await server(answerThenHold(0))
    for (let cycle = 0; cycle < 100; cycle++) {
      const runId = runIdOf(await controller.start(plan(target, 1000, 2)))
      await target.waitForReceived(2 * (cycle + 1))
      expect((await controller.cancel()).cancelled).toBe(true)
      expect((await recorder.done(runId)).outcome).toBe('cancelled')
    }
    await target.waitForSocketsClosed()

    expect(engines.spawned).toHaveLength(1)
    expect(isAlive(engines.pids[0])).toBe(true)
    // Two held requests a cycle reached the server, and nothing after each cancel.
    expect(target.received).toBe(200)
    expect(recorder.events.filter((event) => event.kind === 'done')).toHaveLength(100)
  })

  it('dispose kills the engine mid-run and leaves no process behind', async () => {
    await setUp()
    const target = await server(answerThenHold(0))
    await controller.start(plan(target, 1000, 4))
    await target.waitForReceived(4)
    const [pid] = engines.pids
    expect(isAlive(pid)).toBe(true)
    await controller.dispose()
    expect(isAlive(pid)).toBe(false)
    expect(recorder.events.some((event) => event.kind === 'done')).toBe(false)
    expect(await controller.start(plan(target, 1, 1))).toMatchObject({ ok: false })
  })

  it('refuses the start, without hanging, when the engine cannot start', async () => {
    controller = new RunController({ spawnEngine: () => spawnNodeProcess('/nonexistent/engine.js') })
    const reply = await controller.start(planOf({ url: 'http://127.0.0.1:1/', totalRequests: 1, concurrency: 1, timeoutMs: 1000 }))
    expect(reply).toEqual({ ok: false, errors: {}, message: expect.stringMatching(/engine could not start/) })
  })
})
