import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

const RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nok')
const END_OF_HEAD = Buffer.from('\r\n\r\n')

/**
 * A target far cheaper than any HTTP client: a raw TCP server that counts the bodiless requests it
 * receives (each head ends with a blank line) and answers each with the same bytes at once. Against
 * it, the load generator is the one that runs out of time: how a test makes the generator the limit.
 * It still counts what it received, as every test target does.
 */
export interface CannedTarget {
  readonly url: string
  readonly received: number
  close(): Promise<void>
}

export async function startCannedTarget(): Promise<CannedTarget> {
  let received = 0
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    // The tail of the last chunk, in case a blank line is split between two chunks.
    let tail = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      const data = Buffer.concat([tail, chunk])
      let heads = 0
      for (let at = data.indexOf(END_OF_HEAD); at !== -1; at = data.indexOf(END_OF_HEAD, at + END_OF_HEAD.length)) heads++
      const lastEnd = data.lastIndexOf(END_OF_HEAD)
      tail = data.subarray(lastEnd === -1 ? Math.max(0, data.length - 3) : Math.max(lastEnd + END_OF_HEAD.length, data.length - 3))
      if (heads === 0) return
      received += heads
      socket.write(heads === 1 ? RESPONSE : Buffer.concat(Array<Buffer>(heads).fill(RESPONSE)))
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    get received() {
      return received
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      server.close()
      await once(server, 'close')
    }
  }
}
