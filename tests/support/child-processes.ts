import { resolve } from 'node:path'
import type { FromDemoTarget, FromEngine, ToEngine } from '../../src/shared/engine-protocol'
import { builtEntryPath } from '../../src/control/built-entries'
import { spawnNodeProcess } from '../../src/control/node-process'
import type { ProcessChannel, ProcessExit, ProcessSpawner } from '../../src/control/process-channel'

/** The build's out/ folder (`npm run build`): the tests fork the same files the app runs. */
export const BUILD_OUT_DIR = resolve(__dirname, '../../out')

interface Spawned<In, Out> {
  channel: ProcessChannel<In, Out>
  exited: Promise<ProcessExit>
}

/** A spawner that remembers every child it started, so a test can find, kill and reap them all. */
export class RecordingSpawner<In, Out> {
  readonly spawned: Array<Spawned<In, Out>> = []

  constructor(private readonly entryPath: string) {}

  readonly spawn: ProcessSpawner<In, Out> = () => {
    const channel = spawnNodeProcess<In, Out>(this.entryPath)
    const exited = new Promise<ProcessExit>((resolve) => channel.onExit(resolve))
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

export const engineSpawner = (): RecordingSpawner<ToEngine, FromEngine> =>
  new RecordingSpawner(builtEntryPath('engine', BUILD_OUT_DIR))
export const demoTargetSpawner = (): RecordingSpawner<never, FromDemoTarget> =>
  new RecordingSpawner(builtEntryPath('demo-target', BUILD_OUT_DIR))

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
