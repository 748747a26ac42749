import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FromDemoTarget } from '../shared/engine-protocol'
import { demoResponse, type DemoResponse } from './routes'
import { connectToParent } from '../engine/parent-port'

/**
 * The built-in demo target, in its own process so its work never competes with the engine's or the
 * UI's event loop. It listens on a free port of 127.0.0.1 only and tells its parent which one; it ends
 * with its parent (parent-port.ts for a Node parent, Electron kills its utility processes on quit).
 */
const parent = connectToParent<FromDemoTarget, never>()

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume()
  const response = demoResponse(req.url ?? '/')
  if (response.delayMs === 0) return send(res, response)
  const timer = setTimeout(() => send(res, response), response.delayMs)
  res.on('close', () => clearTimeout(timer))
})

function send(res: ServerResponse, response: DemoResponse): void {
  res.writeHead(response.status, { 'content-type': 'application/json', 'content-length': response.body.length })
  res.end(response.body)
}

server.listen(0, '127.0.0.1', () => {
  parent.post({ type: 'listening', port: (server.address() as AddressInfo).port })
})
