import { requireBuiltEntry, type BuiltEntryName } from '../../src/control/built-entries'
import { BUILD_OUT_DIR } from './child-processes'
import { ENGINE_NODE_FLAGS } from '../../src/control/engine-process'
import { spawnNodeProcess } from '../../src/control/node-process'
import type { ProcessChannel, ProcessExit } from '../../src/control/process-channel'
import type { FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import type { RunPlan } from '../../src/shared/run-plan'
import type { RunResult, RunSnapshot } from '../../src/shared/run-snapshot'

/**
 * A forked engine as the engine tests see it: the built out/main/engine.js (the file the app ships),
 * driven over engine-protocol.ts. Only for tests; main's controller is its own code.
 */
export type EngineMessage<T extends FromEngine['type']> = Extract<FromEngine, { type: T }>

/** Long enough for any bounded test load, short enough to fail with a message before vitest's 30 s. */
const DEFAULT_WAIT_LIMIT_MS = 25_000

/** The path of a built entry (out/main/<name>.js); the tests run against the build, so build first. */
export function builtEntry(name: BuiltEntryName): string {
  return requireBuiltEntry(name, BUILD_OUT_DIR)
}

const running = new Set<EngineClient>()

/** For afterEach: kills every engine the test forked, so no test leaves a process behind. */
export async function stopAllEngines(): Promise<void> {
  await Promise.all([...running].map((engine) => engine.stop()))
}

export class EngineClient {
  /** Every message the engine posted, in order. */
  readonly history: FromEngine[] = []
  /** Messages not yet taken by next(). */
  private readonly inbox: FromEngine[] = []
  private readonly listeners = new Set<() => void>()
  private exitInfo: ProcessExit | undefined
  private readonly exited: Promise<void>
  private lastRunId = 0

  private constructor(private readonly channel: ProcessChannel<ToEngine, FromEngine>) {
    channel.onMessage((message) => {
      this.history.push(message)
      this.inbox.push(message)
      this.listeners.forEach((listener) => listener())
    })
    this.exited = new Promise((resolve) =>
      channel.onExit((exit) => {
        this.exitInfo = exit
        running.delete(this)
        this.listeners.forEach((listener) => listener())
        resolve()
      })
    )
  }

  /**
   * Forks the built engine and waits for its 'ready'. `execArgv` adds Node options to the app's own,
   * such as a test's `--require` preload.
   */
  static async fork({ execArgv = [] }: { execArgv?: string[] } = {}): Promise<EngineClient> {
    const flags = [...ENGINE_NODE_FLAGS, ...execArgv]
    const engine = new EngineClient(spawnNodeProcess<ToEngine, FromEngine>(builtEntry('engine'), flags))
    running.add(engine)
    await engine.next('ready')
    return engine
  }

  get pid(): number | undefined {
    return this.channel.pid
  }

  /** Posts a start with a fresh run id and returns it. */
  start(plan: RunPlan | Record<string, unknown>): number {
    const runId = ++this.lastRunId
    this.channel.post({ type: 'start', runId, plan: plan as RunPlan })
    return runId
  }

  cancel(runId: number): void {
    this.channel.post({ type: 'cancel', runId })
  }

  /** Takes the first message of this type (and match) not taken yet, waiting for it if need be. */
  next<T extends FromEngine['type']>(
    type: T,
    match: (message: EngineMessage<T>) => boolean = () => true,
    waitLimitMs = DEFAULT_WAIT_LIMIT_MS
  ): Promise<EngineMessage<T>> {
    const take = (): EngineMessage<T> | undefined => {
      const index = this.inbox.findIndex((message) => message.type === type && match(message as EngineMessage<T>))
      return index === -1 ? undefined : (this.inbox.splice(index, 1)[0] as EngineMessage<T>)
    }
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const message = take()
        if (message) return done(() => resolve(message))
        const exit = this.exitInfo
        if (exit !== undefined) {
          done(() => reject(new Error(`The engine exited (code ${exit.code}) before a '${type}' came.`)))
        }
      }
      const timer = setTimeout(
        () => done(() => reject(new Error(`No '${type}' from the engine within ${waitLimitMs} ms.`))),
        waitLimitMs
      )
      const done = (settle: () => void): void => {
        clearTimeout(timer)
        this.listeners.delete(check)
        settle()
      }
      this.listeners.add(check)
      check()
    })
  }

  /** Waits for the run's result and returns it with every progress snapshot the run posted. */
  async finish(runId: number, waitLimitMs?: number): Promise<{ result: RunResult; progress: RunSnapshot[] }> {
    const { result } = await this.next('result', (message) => message.result.runId === runId, waitLimitMs)
    const progress = this.history.flatMap((message) =>
      message.type === 'progress' && message.snapshot.runId === runId ? [message.snapshot] : []
    )
    return { result, progress }
  }

  /**
   * A round trip through the engine's inbox: everything the engine posted before handling this is
   * in history once it resolves (an invalid start is always answered with 'rejected').
   */
  async fence(): Promise<void> {
    const runId = this.start({ fence: true })
    await this.next('rejected', (message) => message.runId === runId)
  }

  /** Resolves with the exit code (null for a signal) once the engine has exited, however it did. */
  async exit(): Promise<number | null> {
    await this.exited
    return this.exitInfo?.code ?? null
  }

  async stop(): Promise<void> {
    if (this.exitInfo === undefined) this.channel.kill()
    await this.exited
  }
}
