import type { FromEngine } from '../shared/engine-protocol'
import type { ParentPort } from './parent-port'

/** As Node's own exit for an uncaught exception. */
const INTERNAL_FAULT_EXIT_CODE = 1
/** Exit even if the last message never reports itself sent (a stuck channel). */
const EXIT_BACKSTOP_MS = 2000

/**
 * An exception or a rejection that nothing caught is a bug in the engine: requests' own failures end
 * as counted outcomes and never get here. The engine says so once ('fatal') and exits, so its parent
 * ends the run with an error instead of waiting on an engine in an unknown state.
 *
 * Node alone would exit, but Electron runs utility processes with
 * --unhandled-rejections=warn-with-error-code, where a rejection only prints a warning and the
 * process runs on. With these handlers both behave the same.
 */
export function exitOnInternalFault(parent: ParentPort<FromEngine, unknown>): void {
  let exiting = false
  const fail = (fault: unknown): void => {
    console.error('engine: internal fault:', fault)
    if (exiting) return
    exiting = true
    process.exitCode = INTERNAL_FAULT_EXIT_CODE
    const exit = (): never => process.exit(INTERNAL_FAULT_EXIT_CODE)
    setTimeout(exit, EXIT_BACKSTOP_MS)
    parent.postLast({ type: 'fatal', message: describeFault(fault) }, exit)
  }
  process.on('uncaughtException', fail)
  process.on('unhandledRejection', fail)
}

/** "TypeError: x is not a function" for an Error; whatever else was thrown, as text. */
function describeFault(fault: unknown): string {
  try {
    return String(fault)
  } catch {
    return 'An unprintable value was thrown.'
  }
}
