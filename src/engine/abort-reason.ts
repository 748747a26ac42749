/**
 * The reasons the engine gives undici when it cuts a request off itself, so the outcome is read
 * from the error (see ./error-kind.ts) rather than from state kept beside it.
 */

/** The request ran past plan.timeoutMs, counted from dispatch. */
export class RequestDeadlineError extends Error {
  readonly code = 'STAMPEDE_DEADLINE'
  constructor(timeoutMs: number) {
    super(`No full response within ${timeoutMs} ms.`)
    this.name = 'RequestDeadlineError'
  }
}

/** The user cancelled the run while the request was in flight. */
export class RunCancelledError extends Error {
  readonly code = 'STAMPEDE_CANCELLED'
  constructor() {
    super('The run was cancelled.')
    this.name = 'RunCancelledError'
  }
}

/**
 * A pipelined request whose connection closed under it. undici would quietly send it again on a new
 * connection; the server may already have had it, so the engine ends it here, counted once, as reset.
 */
export class PipelineResetError extends Error {
  readonly code = 'STAMPEDE_PIPELINE_RESET'
  constructor() {
    super('The connection closed before this pipelined request was answered.')
    this.name = 'PipelineResetError'
  }
}

/**
 * What a connection answers when undici asks it to connect with no request waiting to be written
 * (./target-connections.ts): undici then drops the requests it still held, all of them already ended.
 */
export class NoRequestToSendError extends Error {
  readonly code = 'STAMPEDE_NO_REQUEST'
  constructor() {
    super('No request is waiting for this connection.')
    this.name = 'NoRequestToSendError'
  }
}
