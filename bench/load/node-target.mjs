import { createServer } from 'node:http'

/**
 * The fallback load target when nginx is absent: answers every request with a fixed 3-byte body over
 * keep-alive, on 127.0.0.1 and the port given as the first argument, and prints "listening" once it
 * accepts connections. It ends with its parent, so a killed bench leaves no server behind.
 */
const port = Number(process.argv[2])
const body = Buffer.from('ok\n')

const server = createServer({ keepAliveTimeout: 300_000 }, (req, res) => {
  req.resume()
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length })
  res.end(body)
})
// Node closes nothing after N requests by default; say so, as nginx is told with keepalive_requests.
server.maxRequestsPerSocket = 0
server.listen(port, '127.0.0.1', () => console.log('listening'))

// Detached from the bench's process group, so watch the parent instead of waiting for its signal.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.exit(0)
}, 1000)
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
