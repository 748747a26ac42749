import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import type { ProcessExit, ProcessSpawner } from './process-channel'
import { ManagedProcess } from './managed-process'
import { Listeners } from './listeners'

const READY_TIMEOUT_MS = 15_000

/**
 * V8 flags for an engine run as a plain Node child (the CLI, the tests). One engine process is meant
 * to keep one core busy (more cores, more workers), and V8's helper threads (concurrent GC,
 * background compilers) would only compete with it for that core: on one pinned core this measured
 * about 4% more requests a second (docs/benchmarks.md). Electron's utility processes do not take
 * V8 flags this way, so the app's engines run with V8's defaults.
 */
export const ENGINE_NODE_FLAGS = ['--single-threaded']

type ManagedEngine = ManagedProcess<ToEngine, FromEngine>

/**
 * The engine process, seen as one long-lived thing: spawned on first use, reused across runs,
 * replaced by a fresh one on the next use after it died. Its listeners hear only the live process.
 */
export class EngineProcess {
  private engine: ManagedEngine | undefined
  private readiness: Promise<void> | undefined
  /** Processes main ended itself (a dispose, a start that timed out): their exit is not news. */
  private readonly stoppedOnPurpose = new WeakSet<ManagedEngine>()
  private readonly messageListeners = new Listeners<FromEngine>()
  private readonly exitListeners = new Listeners<ProcessExit>()
  private disposed = false

  constructor(
    private readonly spawn: ProcessSpawner<ToEngine, FromEngine>,
    private readonly readyTimeoutMs = READY_TIMEOUT_MS
  ) {}

  get pid(): number | undefined {
    return this.engine?.pid
  }

  onMessage(listener: (message: FromEngine) => void): () => void {
    return this.messageListeners.add(listener)
  }

  /** Hears an unexpected exit of the live process, with its exit code (null when killed by a signal). */
  onExit(listener: (exit: ProcessExit) => void): () => void {
    return this.exitListeners.add(listener)
  }

  /** Resolves once a live engine has said 'ready', spawning one when there is none. */
  ready(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('The engine has been shut down.'))
    if (this.engine?.isAlive && this.readiness) return this.readiness
    const engine = ManagedProcess.spawn(this.spawn)
    this.engine = engine
    this.readiness = this.waitForReady(engine)
    engine.channel.onMessage((message) => {
      if (engine !== this.engine || message.type === 'ready') return
      this.messageListeners.emit(message)
    })
    void engine.exited.then((exit) => {
      if (engine === this.engine) this.engine = undefined
      if (this.stoppedOnPurpose.has(engine)) return
      this.exitListeners.emit(exit)
    })
    return this.readiness
  }

  /** Posts to the live engine; call after ready(). */
  post(message: ToEngine): void {
    this.engine?.channel.post(message)
  }

  /** Kills the engine and resolves once it has exited: no orphan outlives the app. */
  async dispose(): Promise<void> {
    this.disposed = true
    await this.stop()
  }

  /** Kills the live engine, as main's own decision (not news to onExit); the next ready() spawns anew. */
  async stop(): Promise<void> {
    const engine = this.engine
    this.engine = undefined
    if (!engine) return
    this.stoppedOnPurpose.add(engine)
    await engine.stop()
  }

  private waitForReady(engine: ManagedEngine): Promise<void> {
    return engine.firstMessage((message) => (message.type === 'ready' ? true : undefined), {
      timeoutMs: this.readyTimeoutMs,
      name: 'The engine process',
      // Main ends this one itself: its exit is not a crash to report.
      onTimeout: () => {
        this.stoppedOnPurpose.add(engine)
        if (engine === this.engine) this.engine = undefined
      }
    }).then(() => undefined)
  }
}
