import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { CustomScheme, Protocol } from 'electron'
import { RENDERER_SCHEME, isBuiltRendererUrl } from './renderer-location'

/**
 * stampede://app serves out/renderer and nothing else. Standard: relative URLs, storage and an
 * origin of its own, as https has. Secure: a secure context, as the page had on file://. Code
 * cache: V8 keeps the compiled scripts (React DOM, zod) between starts, as it does for https; without
 * it a custom scheme's scripts are compiled from scratch on every start. Not corsEnabled (another
 * origin could then read our files) and no fetch support: the page fetches nothing, and its module
 * scripts are same-origin, which needs neither.
 */
export const RENDERER_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: RENDERER_SCHEME,
  privileges: { standard: true, secure: true, codeCache: true }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

/** The Content-Type of a built file, by its extension (also what the Chromium tests' server sends). */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file a stampede://app URL names, inside `rootDir`; undefined for anything that would leave it
 * (`..` in any spelling, an absolute or drive path, a backslash), another host, or a malformed URL.
 * The query and fragment are ignored; `/` is index.html.
 */
export function resolveRendererFile(requestUrl: string, rootDir: string): string | undefined {
  if (!isBuiltRendererUrl(requestUrl)) return undefined
  let path: string
  try {
    // The URL parser has already removed plain and %2e dot segments; an encoded slash is decoded here.
    path = decodeURIComponent(new URL(requestUrl).pathname)
  } catch {
    return undefined
  }
  // Backslashes separate folders on Windows only; no file of ours has one, so none is accepted anywhere.
  if (path.includes('\\') || path.includes('\0') || (path.endsWith('/') && path !== '/')) return undefined
  const root = resolve(rootDir)
  const file = resolve(root, path === '/' ? 'index.html' : path.slice(1))
  const inside = relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined
  return file
}

type ReadFile = (path: string) => Promise<Uint8Array>

/**
 * The answer to one request of the page: the file with its type and the one Content-Security-Policy
 * (the build also writes it into index.html), or 404 for anything resolveRendererFile refuses or
 * that does not exist. Only GET and HEAD.
 */
export async function rendererResponse(
  request: Pick<Request, 'url' | 'method'>,
  rootDir: string,
  policy: string,
  read: ReadFile = readFile
): Promise<Response> {
  const headers = { 'Content-Security-Policy': policy, 'X-Content-Type-Options': 'nosniff' }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } })
  }
  const file = resolveRendererFile(request.url, rootDir)
  let body: Uint8Array
  try {
    if (file === undefined) throw new Error('outside the renderer')
    body = await read(file)
  } catch {
    return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } })
  }
  const contentType = contentTypeOf(file)
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType }
  })
}

/** Serves the page from `rootDir` (out/renderer, inside app.asar when packaged) on stampede://app. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rootDir: string, policy: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => rendererResponse(request, rootDir, policy))
}
