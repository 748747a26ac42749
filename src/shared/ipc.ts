import type { FieldErrors } from './validation'
import type { RunResult, RunSnapshot } from './run-snapshot'

/**
 * The one IPC contract. Main implements `Requests` with handle(), preload turns it and `Events`
 * into window.api with buildApi(); nothing else names a channel.
 */
export interface Requests {
  /** The plan is untrusted input: main validates it and answers with the field errors if it fails. */
  startRun(plan: unknown): StartRunReply
  /** Resolves once the engine has stopped starting requests (or at once when nothing runs). */
  cancelRun(): CancelRunReply
  /** Starts (or reuses) the built-in demo target and returns a URL pointing at it. */
  startDemoTarget(): DemoTargetReply
}

export type StartRunReply =
  | { ok: true; runId: number }
  | { ok: false; errors: FieldErrors; message?: string }
export type CancelRunReply = { cancelled: boolean; done: number }
export type DemoTargetReply = { url: string }

/** Main -> renderer. */
export interface Events {
  progress: RunSnapshot
  done: RunResult
}

export type RequestName = keyof Requests
export type EventName = keyof Events
export const REQUEST_NAMES = ['startRun', 'cancelRun', 'startDemoTarget'] as const satisfies readonly RequestName[]

/** Channel names are namespaced so they cannot collide with Electron's own. */
export const requestChannel = (name: RequestName): string => `stampede:${name}`
export const eventChannel = (name: EventName): string => `stampede:event:${name}`

export type Unsubscribe = () => void

export type StampedeApi = {
  [K in RequestName]: (...args: Parameters<Requests[K]>) => Promise<ReturnType<Requests[K]>>
} & {
  onProgress(listener: (snapshot: RunSnapshot) => void): Unsubscribe
  onDone(listener: (result: RunResult) => void): Unsubscribe
}

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => Unsubscribe

/** Builds window.api from two transport functions, so the preload and test bridges are one shape. */
export function buildApi(invoke: Invoke, subscribe: Subscribe): StampedeApi {
  return {
    startRun: (plan) => invoke(requestChannel('startRun'), plan) as Promise<StartRunReply>,
    cancelRun: () => invoke(requestChannel('cancelRun')) as Promise<CancelRunReply>,
    startDemoTarget: () => invoke(requestChannel('startDemoTarget')) as Promise<DemoTargetReply>,
    onProgress: (listener) =>
      subscribe(eventChannel('progress'), (payload) => listener(payload as RunSnapshot)),
    onDone: (listener) => subscribe(eventChannel('done'), (payload) => listener(payload as RunResult))
  }
}
