import type { FromDemoTarget } from '../shared/engine-protocol'
import type { ProcessSpawner } from './process-channel'
import { ManagedProcess } from './managed-process'

const LISTEN_TIMEOUT_MS = 10_000

type DemoProcess = ManagedProcess<never, FromDemoTarget>

/**
 * The built-in demo target: a local HTTP server in its own process, so a first-time user has
 * something safe to point the load at. Started on first use, reused, restarted if it died.
 */
export class DemoTargetProcess {
  private current: { child: DemoProcess; url: Promise<string> } | undefined
  private disposed = false

  constructor(
    private readonly spawn: ProcessSpawner<never, FromDemoTarget>,
    private readonly listenTimeoutMs = LISTEN_TIMEOUT_MS
  ) {}

  /** Resolves to http://127.0.0.1:<port>/ once the demo target listens. */
  url(): Promise<string> {
    if (this.disposed) return Promise.reject(new Error('The demo target has been shut down.'))
    if (this.current?.child.isAlive) return this.current.url
    const child = ManagedProcess.spawn(this.spawn)
    const current = { child, url: this.waitForListening(child) }
    this.current = current
    // A start that failed is forgotten, so the next call tries afresh.
    current.url.catch(() => {
      if (this.current === current) this.current = undefined
    })
    return current.url
  }

  /** Kills the demo target and resolves once it has exited. */
  async dispose(): Promise<void> {
    this.disposed = true
    const current = this.current
    this.current = undefined
    await current?.child.stop()
  }

  private waitForListening(child: DemoProcess): Promise<string> {
    return child.firstMessage(
      (message) => (message.type === 'listening' ? `http://127.0.0.1:${message.port}/` : undefined),
      { timeoutMs: this.listenTimeoutMs, name: 'The demo target' }
    )
  }
}
