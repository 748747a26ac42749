import { connect } from 'node:http2'

/**
 * The floor under Stampede's HTTP/2 figures: the least a load generator built on Node's own http2
 * client (which undici's HTTP/2 uses) can do. C sessions, M streams each, every stream a GET ended on
 * its HEADERS frame, the next one opened as soon as one ends; no timers, no histogram, nothing
 * counted but completions. Prints one JSON line: { completed, durationMs }.
 * Usage: node node-http2-client.mjs URL CONNECTIONS STREAMS SECONDS
 */
const [url, connections, streams, seconds] = process.argv.slice(2)
const sessions = Array.from({ length: Number(connections) }, () => connect(url, { rejectUnauthorized: false }))
let completed = 0
let running = true
const startedAt = performance.now()

for (const session of sessions) {
  session.on('error', () => {})
  for (let stream = 0; stream < Number(streams); stream++) send(session)
}

setTimeout(() => {
  running = false
  const durationMs = performance.now() - startedAt
  process.stdout.write(`${JSON.stringify({ completed, durationMs })}\n`)
  for (const session of sessions) session.destroy()
}, Number(seconds) * 1000)

/** @param {import('node:http2').ClientHttp2Session} session */
function send(session) {
  const stream = session.request({ ':path': new URL(url).pathname }, { endStream: true })
  stream.on('data', () => {})
  stream.on('error', () => {})
  stream.on('end', () => {
    completed++
    if (running) send(session)
  })
}
