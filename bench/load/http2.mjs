import { startHttp2Target } from './targets.mjs'
import { http2Tools } from './tools.mjs'
import { measureThroughput } from './throughput.mjs'
import { ratio } from './stats.mjs'

/**
 * HTTP/2: Stampede beside h2load (nghttp2's load generator) and a bare Node http2 client loop against
 * nginx speaking HTTP/2, over TLS (h2 by ALPN) and in cleartext (h2c), with the same connections,
 * streams per connection and duration, taking turns round by round like the HTTP/1.1 side-by-side
 * (./throughput.mjs).
 */

/**
 * @param {{ repo: string, load: { connections: number, streams: number, durationS: number }, rounds: number,
 *   cpus: string | undefined, targetCpus: string | undefined, log: (line: string) => void }} plan
 */
export async function measureHttp2({ repo, load, rounds, cpus, targetCpus, log }) {
  const target = await startHttp2Target({ repo, cpus: targetCpus })
  try {
    /** @type {Record<string, Awaited<ReturnType<typeof measureThroughput>> & { stampedeToH2load: number, stampedeToNodeHttp2: number }>} */
    const protocols = {}
    for (const protocol of /** @type {const} */ (['h2', 'h2c'])) {
      const url = protocol === 'h2' ? target.tlsUrl : target.h2cUrl
      log(`http2: ${protocol} at ${url}`)
      const throughput = await measureThroughput({
        tools: http2Tools(repo, protocol),
        load: { url, ...load },
        rounds,
        cpus,
        targetPid: target.pid,
        log
      })
      const rpsOf = (/** @type {string} */ name) => throughput.summaries.find((s) => s.tool === name)?.rps ?? NaN
      protocols[protocol] = {
        ...throughput,
        stampedeToH2load: ratio(rpsOf('stampede'), rpsOf('h2load')),
        stampedeToNodeHttp2: ratio(rpsOf('stampede'), rpsOf('node http2'))
      }
    }
    return { target: { kind: 'nginx', version: target.version }, ...load, rounds, protocols }
  } finally {
    await target.stop()
  }
}
