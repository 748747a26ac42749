import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { resolve, sep } from 'node:path'
import { contentTypeOf } from '../../src/main/renderer-protocol'
import { contentSecurityPolicy } from '../../src/shared/content-security-policy'

/** The built renderer, as `npx electron-vite build` leaves it. */
export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

export interface RendererServer {
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves the built renderer from 127.0.0.1 with the same strict policy main sends as a header:
 * the page runs under the rules it has in the app, nothing relaxed for the test.
 */
export async function serveRenderer(root: string = RENDERER_DIR): Promise<RendererServer> {
  const policy = contentSecurityPolicy()
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`)
    if (req.method !== 'GET' || !file.startsWith(root + sep)) {
      res.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(file)
      res.writeHead(200, {
        'content-type': contentTypeOf(file),
        'content-security-policy': policy,
        'cache-control': 'no-store'
      })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    }
  }
}
