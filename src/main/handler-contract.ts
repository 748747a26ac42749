import type { RequestName, Requests } from '../shared/ipc'

/** Main's side of every request in the contract, ready to be served over IPC or a test bridge. */
export type RequestHandlers = {
  [K in RequestName]: (...args: Parameters<Requests[K]>) => Promise<ReturnType<Requests[K]>>
}

/** A call with more arguments than its request takes is not from our page: refused, nothing done. */
export function refuseExtraArguments(name: RequestName, expected: number, extra: unknown[]): void {
  if (extra.length > 0) {
    throw new TypeError(`${name} takes ${expected} argument(s), got ${expected + extra.length}.`)
  }
}
