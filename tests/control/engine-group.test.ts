import { decodeFromCompressedBase64 } from 'hdr-histogram-js'
import { afterEach, describe, expect, it } from 'vitest'
import { RunController } from '../../src/control/run-controller'
import type { ProcessChannel, ProcessExit } from '../../src/control/process-channel'
import type { StartRunReply } from '../../src/shared/ipc'
import type { FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import type { RunPlan, RunPlanInput } from '../../src/shared/run-plan'
import type { RunResult } from '../../src/shared/run-snapshot'
import { createLatencyHistogram, decodeHistogram, summarizeInMs } from '../../src/engine/latency-histogram'
import { intervalEnded } from '../../src/shared/run-interval'
import { planOf } from '../support/plans'
import {
  answerThenHold,
  resetConnection,
  respondAfter,
  respondOk,
  respondStatus,
  TargetServers,
  type Responder,
  type TargetServer
} from '../support/target-server'
import { engineSpawner, isAlive, type RecordingSpawner } from '../support/child-processes'
import { RunRecorder } from '../support/run-recorder'

// A run split between two real engine processes (built out/main/engine.js, Node children): the
// merged numbers must equal the sum of what each engine reported, and the server's count.

const WORKERS = 2

/** One engine process as the test saw it: what main sent it and every message it posted. */
interface EngineRecord {
  pid: number
  sent: ToEngine[]
  posted: FromEngine[]
  exited: Promise<ProcessExit>
}

let spawner: RecordingSpawner<ToEngine, FromEngine>
let records: EngineRecord[]
let controller: RunController
let recorder: RunRecorder
const targets = new TargetServers()

function setUp(): void {
  spawner = engineSpawner()
  records = []
  const spawnEngine = (): ProcessChannel<ToEngine, FromEngine> => {
    const channel = spawner.spawn()
    const record: EngineRecord = {
      pid: channel.pid ?? -1,
      sent: [],
      posted: [],
      exited: spawner.latest().exited
    }
    records.push(record)
    // Listening before the controller does: a part's message is recorded before it is merged.
    channel.onMessage((message) => record.posted.push(message))
    return {
      get pid() {
        return channel.pid
      },
      post: (message) => {
        record.sent.push(message)
        channel.post(message)
      },
      onMessage: (listener) => channel.onMessage(listener),
      onExit: (listener) => channel.onExit(listener),
      kill: () => channel.kill()
    }
  }
  controller = new RunController({ spawnEngine, workers: WORKERS, progressIntervalMs: 50 })
  recorder = new RunRecorder(controller)
}

afterEach(async () => {
  await controller?.dispose()
  await spawner?.killAll()
  await targets.closeAll()
})

const server = (responder: Responder = respondOk): Promise<TargetServer> => targets.start(responder)

function plan(target: TargetServer, input: Omit<RunPlanInput, 'url'>): RunPlan {
  return planOf({ url: target.url, ...input })
}

function runIdOf(reply: StartRunReply): number {
  if (!reply.ok) throw new Error(`start refused: ${reply.message ?? JSON.stringify(reply.errors)}`)
  return reply.runId
}

/** Each engine's own result for the run, in engine order. */
function partResults(runId: number): RunResult[] {
  return records.flatMap((record) =>
    record.posted.flatMap((message) => (message.type === 'result' && message.result.runId === runId ? [message.result] : []))
  )
}

/** The plan share main sent each engine for the run, in engine order. */
function partPlans(runId: number): RunPlan[] {
  return records.flatMap((record) =>
    record.sent.flatMap((message) => (message.type === 'start' && message.runId === runId ? [message.plan] : []))
  )
}

function sumCounts(counts: Array<Record<string, number | undefined>>): Record<string, number> {
  const total: Record<string, number> = {}
  for (const part of counts) {
    for (const [key, count] of Object.entries(part)) total[key] = (total[key] ?? 0) + (count ?? 0)
  }
  return total
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0)

/** Mostly 200s, some 503s, some resets: several status codes and an error kind to add up. */
const mixedResponder: Responder = (req, res, index) => {
  if (index % 10 === 3) return respondStatus(503)(req, res, index)
  if (index % 25 === 7) return resetConnection(req, res, index)
  respondAfter(1)(req, res, index)
}

describe('a run split between two engine processes', () => {
  it('starts only the engine processes a run can use: one connection, one engine', async () => {
    setUp()
    const target = await server()
    const runId = runIdOf(await controller.start(plan(target, { totalRequests: 50, concurrency: 1 })))
    const merged = await recorder.done(runId)

    expect(records).toHaveLength(1)
    expect(merged).toMatchObject({ outcome: 'finished', done: 50 })
    expect(target.received).toBe(50)
  })

  it('merges to the exact sum of its parts, and to what the server received', async () => {
    setUp()
    const target = await server(mixedResponder)
    const runId = runIdOf(await controller.start(plan(target, { totalRequests: 2000, concurrency: 6 })))
    const merged = await recorder.done(runId)
    const parts = partResults(runId)

    expect(parts).toHaveLength(WORKERS)
    expect(new Set(records.map((record) => record.pid)).size).toBe(WORKERS)
    expect(merged.outcome).toBe('finished')
    expect(merged.done).toBe(2000)
    expect(merged.done).toBe(target.received)
    expect(merged.done).toBe(sum(parts.map((part) => part.done)))
    expect(merged.statusCodes).toEqual(sumCounts(parts.map((part) => part.statusCodes)))
    expect(merged.errorKinds).toEqual(sumCounts(parts.map((part) => part.errorKinds)))
    expect(merged.bytesRead).toBe(sum(parts.map((part) => part.bytesRead)))
    expect(merged.elapsedMs).toBe(Math.max(...parts.map((part) => part.elapsedMs)))
    // The responder's own pattern, as a check that the sums are not of nothing.
    expect(Object.keys(merged.statusCodes).sort()).toEqual(['200', '503'])
    expect(merged.errorKinds.reset).toBeGreaterThan(0)

    const mergedHistogram = decodeFromCompressedBase64(merged.histogram ?? '')
    const partHistograms = parts.map((part) => decodeFromCompressedBase64(part.histogram ?? ''))
    expect(mergedHistogram.totalCount).toBe(sum(partHistograms.map((histogram) => histogram.totalCount)))
    expect(mergedHistogram.totalCount).toBe((merged.statusCodes['200'] ?? 0) + (merged.statusCodes['503'] ?? 0))
    expect(merged.latencyMs.max).toBe(Math.max(...parts.map((part) => part.latencyMs.max)))
    // Min to the histogram's resolution (3 significant digits): the merged one is the lowest edge of
    // the parts' lowest bucket (see the known difference in tests/control/run-merge.test.ts).
    const partsMin = Math.min(...parts.map((part) => part.latencyMs.min))
    expect(merged.latencyMs.min).toBe(Math.min(...partHistograms.map((histogram) => histogram.minNonZeroValue)) / 1000)
    expect(merged.latencyMs.min).toBeLessThanOrEqual(partsMin)
    expect(merged.latencyMs.min).toBeGreaterThanOrEqual(partsMin * (1 - 1 / 1000))
  })

  it('merges the engines’ intervals tick by tick, exactly: counts add up, latency is that of both histograms', async () => {
    setUp()
    const target = await server(mixedResponder)
    const runId = runIdOf(await controller.start(plan(target, { durationMs: 1200, concurrency: 6 })))
    const merged = await recorder.done(runId)
    const points = merged.series?.points ?? []
    const partIntervals = records.map((record) =>
      record.posted.flatMap((message) => {
        if (message.type === 'progress' && message.snapshot.runId === runId) return message.snapshot.intervals
        if (message.type === 'result' && message.result.runId === runId) return message.result.intervals
        return []
      })
    )
    const delivered = recorder.forRun(runId).flatMap((event) => (event.kind === 'progress' ? event.value.intervals : []))

    expect(partIntervals).toHaveLength(WORKERS)
    expect(points.length).toBeGreaterThan(5)
    // Every merged interval reached the page once, in tick order, and the result's series is them.
    expect(delivered).toEqual(points)
    expect(sum(points.map(intervalEnded))).toBe(merged.done)
    expect(merged.done).toBe(target.received)
    expect(sum(points.map((point) => point.sent))).toBe(merged.done)
    expect(sum(points.map((point) => point.responses.clientOrServerError))).toBe(merged.statusCodes['503'])
    expect(sum(points.map((point) => point.bytesRead))).toBe(merged.bytesRead)
    for (const point of points) {
      const parts = partIntervals.flatMap((intervals) => intervals.filter((interval) => interval.tick === point.tick))
      expect(parts.length).toBeGreaterThanOrEqual(1)
      expect(point.sent).toBe(sum(parts.map((part) => part.sent)))
      expect(point.responses.ok).toBe(sum(parts.map((part) => part.responses.ok)))
      expect(point.activeConnections).toBe(sum(parts.map((part) => part.activeConnections)))
      const union = createLatencyHistogram()
      for (const part of parts) if (part.histograms?.latency) union.add(decodeHistogram(part.histograms.latency))
      if (union.totalCount > 0) {
        const { p50, p90, p99, max } = summarizeInMs(union)
        expect(point.latencyMs).toEqual({ p50, p90, p99, max })
      }
    }
  })

  it('splits connections and requests between the engines: 1001 requests on 3 connections are 501 + 500', async () => {
    setUp()
    const target = await server(respondAfter(1))
    const runId = runIdOf(await controller.start(plan(target, { totalRequests: 1001, concurrency: 3 })))
    const merged = await recorder.done(runId)

    expect(partPlans(runId).map(({ concurrency, totalRequests }) => ({ concurrency, totalRequests }))).toEqual([
      { concurrency: 2, totalRequests: 501 },
      { concurrency: 1, totalRequests: 500 }
    ])
    expect(partResults(runId).map((part) => part.done)).toEqual([501, 500])
    expect(merged).toMatchObject({ outcome: 'finished', total: 1001, done: 1001, statusCodes: { '200': 1001 } })
    expect(target.received).toBe(1001)
    expect(target.peakSockets).toBeLessThanOrEqual(3)
  })

  it('cancels every part: resolves once both stopped, and the result is cancelled and whole', async () => {
    setUp()
    const answered = 100
    const concurrency = 4
    const target = await server(answerThenHold(answered))
    const runId = runIdOf(await controller.start(plan(target, { totalRequests: 100_000, concurrency })))
    // Every connection holds one request, so each engine has ended all the others it sent.
    await target.waitForReceived(answered + concurrency)

    const reply = await controller.cancel()
    expect(reply).toEqual({ cancelled: true, done: answered })

    const merged = await recorder.done(runId)
    const parts = partResults(runId)
    await target.waitForSocketsClosed()
    expect(parts).toHaveLength(WORKERS)
    expect(parts.map((part) => part.outcome)).toEqual(['cancelled', 'cancelled'])
    expect(merged).toMatchObject({
      outcome: 'cancelled',
      done: answered + concurrency,
      statusCodes: { '200': answered },
      errorKinds: { cancelled: concurrency }
    })
    expect(merged.done).toBe(sum(parts.map((part) => part.done)))
    expect(target.received).toBe(answered + concurrency)
  })

  it('reports the run crashed when one engine dies, stops the other, and starts fresh engines next time', async () => {
    setUp()
    const answered = 200
    const target = await server(answerThenHold(answered))
    const runId = runIdOf(await controller.start(plan(target, { totalRequests: 100_000, concurrency: 4 })))
    await target.waitForReceived(answered + 4)
    // The merged snapshot has every answered request: both engines have posted theirs.
    await recorder.progress((snapshot) => snapshot.runId === runId && snapshot.done >= answered)
    const [killed, other] = records
    process.kill(killed.pid, 'SIGKILL')

    const result = await recorder.done(runId)
    expect(result.outcome).toBe('crashed')
    expect(result.message).toMatch(/^The engine process stopped unexpectedly/)
    expect(result).toMatchObject({ done: answered, statusCodes: { '200': answered } })
    expect(recorder.forRun(runId).filter((event) => event.kind === 'done')).toHaveLength(1)
    await other.exited
    expect(isAlive(killed.pid)).toBe(false)
    expect(isAlive(other.pid)).toBe(false)

    const next = await server()
    const nextRunId = runIdOf(await controller.start(plan(next, { totalRequests: 500, concurrency: 4 })))
    const nextResult = await recorder.done(nextRunId)
    expect(nextResult).toMatchObject({ outcome: 'finished', done: 500, statusCodes: { '200': 500 } })
    expect(next.received).toBe(500)
    expect(records).toHaveLength(4)
    const freshPids = records.slice(2).map((record) => record.pid)
    expect(freshPids).not.toContain(killed.pid)
    expect(freshPids).not.toContain(other.pid)
    expect(partResults(nextRunId)).toHaveLength(WORKERS)
  })
})
