import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import { Engine } from './engine'
import { exitOnInternalFault } from './internal-fault'
import { connectToParent } from './parent-port'

/**
 * The engine process: an Electron utility process in the app, a child_process.fork in tests and the
 * CLI. Request faults end as counted outcomes and never reach here; anything that does escape is a
 * bug: the engine posts 'fatal' and exits non-zero (./internal-fault.ts), so main reports the run as
 * failed instead of waiting on an engine in an unknown state.
 */
const parent = connectToParent<FromEngine, ToEngine>()
exitOnInternalFault(parent)
const engine = new Engine((message) => parent.post(message))
parent.onMessage((message) => engine.handle(message))
parent.post({ type: 'ready' })
