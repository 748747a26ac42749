import { resolve } from 'node:path'
import type { FromDemoTarget, FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { spawnNodeProcess } from '../../src/main/node-process'
import type { ProcessChannel, SpawnProcess } from '../../src/main/process-channel'

/** Built by `npx electron-vite build`; the tests fork the same files the app runs. */
export const ENGINE_ENTRY = resolve('out/main/engine.js')
export const DEMO_TARGET_ENTRY = resolve('out/main/demo-target.js')

interface Spawned<In, Out> {
  channel: ProcessChannel<In, Out>
  exited: Promise<number | null>
}

/** A spawner that remembers every child it started, so a test can find, kill and reap them all. */
export class TrackedSpawner<In, Out> {
  readonly spawned: Array<Spawned<In, Out>> = []

  constructor(private readonly entryPath: string) {}

  readonly spawn: SpawnProcess<In, Out> = () => {
    const channel = spawnNodeProcess<In, Out>(this.entryPath)
    const exited = new Promise<number | null>((resolve) => channel.onExit(resolve))
    this.spawned.push({ channel, exited })
    return channel
  }

  get pids(): number[] {
    return this.spawned.map(({ channel }) => channel.pid).filter((pid): pid is number => pid !== undefined)
  }

  latest(): Spawned<In, Out> {
    const last = this.spawned.at(-1)
    if (!last) throw new Error('Nothing was spawned.')
    return last
  }

  /** The afterEach safety net: whatever the code under test left running is killed and reaped. */
  async killAll(): Promise<void> {
    await Promise.all(
      this.spawned.map(({ channel, exited }) => {
        if (channel.pid !== undefined && isAlive(channel.pid)) channel.kill()
        return exited
      })
    )
  }
}

export const engineSpawner = (): TrackedSpawner<ToEngine, FromEngine> => new TrackedSpawner(ENGINE_ENTRY)
export const demoTargetSpawner = (): TrackedSpawner<never, FromDemoTarget> => new TrackedSpawner(DEMO_TARGET_ENTRY)

/** Signal 0 checks without killing; ESRCH means no such process (reaped, not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
}
