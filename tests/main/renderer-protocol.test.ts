import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src/shared/content-security-policy'
import {
  RENDERER_SCHEME_PRIVILEGES,
  rendererResponse,
  resolveRendererFile,
  serveRenderer
} from '../../src/main/renderer-protocol'

// A real folder laid out as the build lays out out/renderer, with secrets beside it: what a request
// may reach is judged by what comes back, not by how the resolver works.
const base = mkdtempSync(join(tmpdir(), 'stampede-protocol-'))
const root = join(base, 'renderer')
const POLICY = contentSecurityPolicy(false)
const SECRET = 'the secret next door'

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Stampede</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(base, 'secret.txt'), SECRET)
  // A sibling whose name starts with the root's: a prefix test would let it through.
  mkdirSync(join(base, 'renderer-evil'))
  writeFileSync(join(base, 'renderer-evil', 'secret.txt'), SECRET)
})

afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

const get = (url: string, method = 'GET'): Promise<Response> => rendererResponse({ url, method }, root, POLICY)

describe('rendererResponse', () => {
  it.each([
    ['stampede://app/', 'text/html; charset=utf-8', '<!doctype html><title>Stampede</title>'],
    ['stampede://app/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Stampede</title>'],
    ['stampede://app/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['stampede://app/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['stampede://app/index.html?x=1#/run', 'text/html; charset=utf-8', '<!doctype html><title>Stampede</title>'],
    ['stampede://app/assets/%69ndex-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['STAMPEDE://APP/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Stampede</title>']
  ])('serves %s', async (url, type, body) => {
    const response = await get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(await response.text()).toBe(body)
  })

  it('sends the one Content-Security-Policy and nosniff with every answer, found or not', async () => {
    for (const url of ['stampede://app/index.html', 'stampede://app/missing.js', 'stampede://app/../secret.txt']) {
      const response = await get(url)
      expect(response.headers.get('content-security-policy')).toBe(POLICY)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(POLICY).not.toMatch(/unsafe-/)
  })

  it.each([
    ['a missing file', 'stampede://app/missing.js'],
    ['a folder', 'stampede://app/assets'],
    ['a folder with a slash', 'stampede://app/assets/'],
    ['.. segments', 'stampede://app/../secret.txt'],
    ['.. segments deeper', 'stampede://app/assets/../../secret.txt'],
    ['encoded dots', 'stampede://app/%2e%2e/secret.txt'],
    ['encoded dots and slash', 'stampede://app/..%2fsecret.txt'],
    ['encoded dots, slash upper case', 'stampede://app/%2E%2E%2Fsecret.txt'],
    ['double-encoded dots', 'stampede://app/%252e%252e/secret.txt'],
    ['backslashes', 'stampede://app/..\\secret.txt'],
    ['encoded backslashes', 'stampede://app/..%5csecret.txt'],
    ['the sibling folder', 'stampede://app/../renderer-evil/secret.txt'],
    ['an absolute path', `stampede://app//${join(base, 'secret.txt').replace(/^\//, '')}`],
    ['an encoded absolute path', `stampede://app/${encodeURIComponent(join(base, 'secret.txt'))}`],
    ['a drive path', 'stampede://app/C:/Windows/win.ini'],
    ['a NUL byte', 'stampede://app/index.html%00.js'],
    ['a malformed escape', 'stampede://app/%E0%A4%A'],
    ['another host', 'stampede://evil/index.html'],
    ['another scheme', 'file:///etc/passwd']
  ])('answers 404 for %s, and never with the secret', async (_label, url) => {
    const response = await get(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain(SECRET)
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('stampede://app/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const post = await get('stampede://app/index.html', 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })
})

describe('resolveRendererFile', () => {
  it('maps a path to the file under the root', () => {
    expect(resolveRendererFile('stampede://app/assets/index-abc.js', root)).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveRendererFile('stampede://app/', root)).toBe(join(root, 'index.html'))
  })

  it('reads a dot segment as the root, whose page is index.html', () => {
    expect(resolveRendererFile('stampede://app/.', root)).toBe(join(root, 'index.html'))
    expect(resolveRendererFile('stampede://app/%2e', root)).toBe(join(root, 'index.html'))
  })
})

describe('the scheme', () => {
  it('is standard, secure and code-cached, and neither CORS-enabled, CSP-bypassing nor fetchable', () => {
    expect(RENDERER_SCHEME_PRIVILEGES).toEqual({ scheme: 'stampede', privileges: { standard: true, secure: true, codeCache: true } })
  })

  it('serveRenderer handles the scheme with rendererResponse', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response> | Response>()
    serveRenderer({ handle: (scheme, handler) => handlers.set(scheme, handler) }, root, POLICY)
    const response = await handlers.get('stampede')!(new Request('stampede://app/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(POLICY)
  })
})
