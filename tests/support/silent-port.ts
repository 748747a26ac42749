import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A port that accepts TCP connections and then says nothing and reads nothing: no HTTP server at all.
 * The kernel still takes the client's request bytes into its buffer, so the client sees a connection
 * that simply never answers. Counts the connections it accepted.
 */
export interface SilentPort {
  readonly url: string
  readonly connections: number
  readonly openSockets: number
  /** Resolves once `count` connections have been accepted in all. */
  waitForConnections(count: number): Promise<void>
  close(): Promise<void>
}

export async function startSilentPort(): Promise<SilentPort> {
  let connections = 0
  const sockets = new Set<Socket>()
  const waiters: Array<{ count: number; resolve: () => void }> = []
  // pauseOnConnect: the socket is never read, not even into this process.
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (connections >= waiters[i].count) waiters.splice(i, 1)[0].resolve()
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    get connections() {
      return connections
    },
    get openSockets() {
      return sockets.size
    },
    waitForConnections(count) {
      if (connections >= count) return Promise.resolve()
      return new Promise((resolve) => waiters.push({ count, resolve }))
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      server.close()
      await once(server, 'close')
    }
  }
}
