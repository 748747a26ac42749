import type { ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { respondOk, type Responder } from './target-server'

/**
 * Targets that break the rules, as responders for ./target-server.ts: the server still counts every
 * request whose head arrived, so a test can compare the engine's count with the server's. Responders
 * that must send what no HTTP library would write (a bad status line, a megabyte of headers) write
 * raw bytes on the socket and end it.
 */

/** Writes `head` (and `body`) as raw bytes in place of a response, then ends the connection. */
export const respondRaw =
  (head: string, body = ''): Responder =>
  (req) => {
    req.socket.end(head + body)
  }

/** A status line llhttp cannot read: the status is not three digits. */
export const malformedStatusLine = respondRaw('HTTP/1.1 2x0 OK\r\ncontent-length: 2\r\n\r\n', 'ok')

/** A header line with no colon. */
export const malformedHeader = respondRaw('HTTP/1.1 200 OK\r\nthis line is not a header\r\ncontent-length: 2\r\n\r\n', 'ok')

/** About `bytes` of response headers before the blank line, far past any client's limit. */
export function oversizedHeaders(bytes: number): Responder {
  const line = `x-filler: ${'a'.repeat(1000)}\r\n`
  const head = `HTTP/1.1 200 OK\r\ncontent-length: 2\r\n${line.repeat(Math.ceil(bytes / line.length))}\r\n`
  return respondRaw(head, 'ok')
}

/** Sends `partialBytes` of a body announced as twice as long, then resets the connection. */
export const resetMidBody =
  (partialBytes: number): Responder =>
  (req, res) => {
    res.writeHead(200, { 'content-length': String(partialBytes * 2) })
    res.write(Buffer.alloc(partialBytes, 'x'), () => req.socket.resetAndDestroy())
  }

/** Answers every request and closes its connection: the client must open one per request. */
export const answerAndClose: Responder = (_req, res) => {
  res.writeHead(200, { connection: 'close', 'content-length': '2' })
  res.end('ok')
}

/** Announces a long body and sends one byte of it every `intervalMs`, until the client leaves. */
export const trickleBody =
  (intervalMs: number): Responder =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': '1000000' })
    const timer = setInterval(() => res.write('x'), intervalMs)
    res.on('close', () => clearInterval(timer))
  }

/** A 64 KiB chunk written again and again: the server keeps no large buffer of its own either. */
const CHUNK = Buffer.alloc(64 * 1024, 'x')

/** Writes CHUNK until `bytes` are out (forever when Infinity) or the client leaves, at the pace it reads. */
function pour(res: ServerResponse, bytes: number): void {
  let left = bytes
  const writeMore = (): void => {
    while (left > 0 && !res.destroyed) {
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left)
      left -= chunk.length
      if (left === 0) return void res.end(chunk)
      if (!res.write(chunk)) return void res.once('drain', writeMore)
    }
  }
  writeMore()
}

/** A `bytes`-long body with its Content-Length. */
export const hugeBody =
  (bytes: number): Responder =>
  (_req, res) => {
    res.writeHead(200, { 'content-length': String(bytes) })
    pour(res, bytes)
  }

/** A chunked body that never ends. */
export const endlessChunkedBody: Responder = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' })
  pour(res, Infinity)
}

export const redirectTo =
  (location: string, status = 302): Responder =>
  (_req, res) => {
    res.writeHead(status, { location, 'content-length': '0' })
    res.end()
  }

/**
 * A small body, gzip of `inflatedBytes` zeros, labelled Content-Encoding: gzip: decompressing it
 * would cost the client `inflatedBytes` of memory. `compressedBytes` is what goes on the wire.
 */
export function gzipBomb(inflatedBytes: number): { respond: Responder; compressedBytes: number } {
  const body = gzipSync(Buffer.alloc(inflatedBytes), { level: 9 })
  const respond: Responder = (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(body.length) })
    res.end(body)
  }
  return { respond, compressedBytes: body.length }
}

/** A 103 Early Hints interim response, then the final one. */
export const earlyHintsFirst: Responder = (req, res, index) => {
  res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' })
  respondOk(req, res, index)
}

/** An unasked-for 100 Continue interim response, then the final one (RFC 9110 §15.2: a client must cope). */
export const continueFirst: Responder = (req, res, index) => {
  res.writeContinue()
  respondOk(req, res, index)
}

/**
 * Answers as soon as the request's head arrives, while its body is still coming (./target-server.ts
 * reads every request body on, so the connection stays usable).
 */
export const answerBeforeBody: Responder = (req, res, index) => respondOk(req, res, index)

/**
 * Refuses the request as soon as its head arrives, without reading its body, and closes the
 * connection: the client may still be writing the body when the connection goes.
 */
export const refuseBodyAndClose: Responder = (req, res) => {
  req.pause()
  res.writeHead(413, { connection: 'close', 'content-length': '0' })
  res.end()
}
