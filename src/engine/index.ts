import type { FromEngine, ToEngine } from '../shared/engine-protocol'
import { Engine } from './engine'
import { connectToParent } from './parent-port'

/**
 * The engine process: an Electron utility process in the app, a child_process.fork in tests and the
 * CLI. Request faults end as counted outcomes and never reach here; anything that does escape is a bug,
 * and Node's default (print the stack to stderr, exit 1) is kept on purpose so main sees the exit and
 * reports the run as crashed instead of waiting on an engine in an unknown state.
 */
const parent = connectToParent<FromEngine, ToEngine>()
const engine = new Engine((message) => parent.post(message))
parent.onMessage((message) => engine.handle(message))
parent.post({ type: 'ready' })
