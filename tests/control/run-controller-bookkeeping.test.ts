import { afterEach, describe, expect, it } from 'vitest'
import type { FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { emptySnapshot, type RunResult, type RunSnapshot } from '../../src/shared/run-snapshot'
import type { ProcessChannel, ProcessExit } from '../../src/control/process-channel'
import { RunController } from '../../src/control/run-controller'
import { planOf } from '../support/plans'

// The controller's bookkeeping against a scripted engine, for the cases a real engine cannot be
// made to produce on demand (stale run ids, a refused start). The real engine is in tests/main.

class ScriptedEngine implements ProcessChannel<ToEngine, FromEngine> {
  readonly pid = 1
  readonly posted: ToEngine[] = []
  private messageListeners: Array<(message: FromEngine) => void> = []
  private exitListeners: Array<(exit: ProcessExit) => void> = []

  constructor() {
    setImmediate(() => this.send({ type: 'ready' }))
  }
  post(message: ToEngine): void {
    this.posted.push(message)
  }
  onMessage(listener: (message: FromEngine) => void): void {
    this.messageListeners.push(listener)
  }
  onExit(listener: (exit: ProcessExit) => void): void {
    this.exitListeners.push(listener)
  }
  kill(): void {
    setImmediate(() => this.exitListeners.forEach((listener) => listener({ code: null, reason: 'SIGTERM' })))
  }
  send(message: FromEngine): void {
    this.messageListeners.forEach((listener) => listener(message))
  }
}

const plan = planOf({ url: 'http://127.0.0.1:1/', totalRequests: 10, concurrency: 1, timeoutMs: 1000 })

function snapshot(runId: number, done: number): RunSnapshot {
  return { ...emptySnapshot(runId, 10), done, statusCodes: { '200': done } }
}

describe('RunController bookkeeping', () => {
  let controller: RunController
  let engine: ScriptedEngine
  let events: Array<['progress', RunSnapshot] | ['done', RunResult]>

  function setUp(): void {
    events = []
    controller = new RunController({ spawnEngine: () => (engine = new ScriptedEngine()), progressIntervalMs: 5 })
    controller.onProgress((value) => events.push(['progress', value]))
    controller.onDone((value) => events.push(['done', value]))
  }

  function nextDone(): Promise<RunResult> {
    return new Promise((resolve) => {
      const stop = controller.onDone((result) => {
        stop()
        resolve(result)
      })
    })
  }

  afterEach(async () => {
    await controller.dispose()
  })

  it('ignores messages about other run ids', async () => {
    setUp()
    const reply = await controller.start(plan)
    if (!reply.ok) throw new Error('start refused')
    const stale = reply.runId + 1000
    const done = nextDone()
    engine.send({ type: 'progress', snapshot: snapshot(stale, 9) })
    engine.send({ type: 'cancelled', runId: stale, done: 9 })
    engine.send({ type: 'rejected', runId: stale, message: 'old' })
    engine.send({ type: 'result', result: { ...snapshot(stale, 9), outcome: 'finished' } })
    engine.send({ type: 'progress', snapshot: snapshot(reply.runId, 4) })
    engine.send({ type: 'result', result: { ...snapshot(reply.runId, 10), outcome: 'finished' } })
    const result = await done
    expect(result).toMatchObject({ runId: reply.runId, done: 10, outcome: 'finished' })
    expect(events.every(([, value]) => value.runId === reply.runId)).toBe(true)
    expect(events.at(-2)).toEqual(['progress', snapshot(reply.runId, 10)])
    expect(events.filter(([kind]) => kind === 'done')).toHaveLength(1)
  })

  it('ends a run the engine refused with the reason, and takes the next one', async () => {
    setUp()
    const reply = await controller.start(plan)
    if (!reply.ok) throw new Error('start refused')
    const done = nextDone()
    engine.send({ type: 'rejected', runId: reply.runId, message: 'busy' })
    expect(await done).toMatchObject({ outcome: 'crashed', message: 'The engine refused the run: busy', done: 0 })
    expect((await controller.start(plan)).ok).toBe(true)
  })

  it("ends a run with the engine's own words when it reports an internal fault, once though its exit follows", async () => {
    setUp()
    const reply = await controller.start(plan)
    if (!reply.ok) throw new Error('start refused')
    const done = nextDone()
    engine.send({ type: 'progress', snapshot: snapshot(reply.runId, 4) })
    engine.send({ type: 'fatal', message: 'TypeError: boom' })
    engine.kill()
    const result = await done
    expect(result).toMatchObject({ outcome: 'crashed', done: 4 })
    expect(result.message).toBe(
      'The engine process stopped unexpectedly (it failed inside: TypeError: boom). The results collected until then are shown.'
    )
    // The exit that follows is not a second ending.
    await new Promise((resolve) => setImmediate(resolve))
    expect(events.filter(([kind]) => kind === 'done')).toHaveLength(1)
    expect((await controller.start(plan)).ok).toBe(true)
  })

  it('answers a cancel that arrives while the engine is starting, right after the start', async () => {
    setUp()
    const started = controller.start(plan)
    const cancelled = controller.cancel()
    const reply = await started
    if (!reply.ok) throw new Error('start refused')
    expect(engine.posted).toEqual([
      { type: 'start', runId: reply.runId, plan },
      { type: 'cancel', runId: reply.runId }
    ])
    engine.send({ type: 'cancelled', runId: reply.runId, done: 0 })
    expect(await cancelled).toEqual({ cancelled: true, done: 0 })
  })

  it('answers a cancel that the result overtook with cancelled: false', async () => {
    setUp()
    const reply = await controller.start(plan)
    if (!reply.ok) throw new Error('start refused')
    const cancelled = controller.cancel()
    engine.send({ type: 'result', result: { ...snapshot(reply.runId, 10), outcome: 'finished' } })
    expect(await cancelled).toEqual({ cancelled: false, done: 10 })
  })
})
