import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { startProcess, stopGroup } from './spawned-processes.mjs'
import { pinned } from './pinning.mjs'

/**
 * The local server every tool is measured against: nginx when it is installed (fast enough that the
 * generators, not the target, are what is measured), else a small Node server. Both listen on
 * 127.0.0.1 only, keep connections open for the whole run and answer "ok\n".
 */

/**
 * @typedef {object} Target
 * @property {'nginx' | 'node'} kind
 * @property {string} version
 * @property {string} url
 * @property {number} pid
 * @property {() => Promise<void>} stop
 */

const STARTUP_TIMEOUT_MS = 10_000

/**
 * @param {{ kind: 'auto' | 'nginx' | 'node', cpus: string | undefined }} options
 * @returns {Promise<Target>}
 */
export async function startTarget({ kind, cpus }) {
  const nginx = kind !== 'node' ? nginxVersion() : undefined
  if (kind === 'nginx' && !nginx) throw new Error('--target=nginx was asked for, but nginx is not installed')
  return nginx ? startNginx(nginx, cpus) : startNodeServer(cpus)
}

/**
 * @param {string} version
 * @param {string | undefined} cpus
 * @returns {Promise<Target>}
 */
async function startNginx(version, cpus) {
  const dir = mkdtempSync(join(tmpdir(), 'stampede-bench-nginx-'))
  const port = await freePort()
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, [String(port)]))
  // -e: without it nginx opens the distribution's error log before it reads our config.
  const [command, args] = pinned(cpus, 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')])
  const child = startProcess(command, args)
  const stop = async () => {
    await stopGroup(child)
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  try {
    await untilListening(port, child, () => readFileSync(join(dir, 'error.log'), 'utf8'))
  } catch (error) {
    await stop()
    throw error
  }
  return { kind: 'nginx', version, url: `http://127.0.0.1:${port}/`, pid: /** @type {number} */ (child.pid), stop }
}

/**
 * One process, one worker, as quiet as possible: the target should cost the least CPU per request it
 * can, and never close a keep-alive connection during a run (nginx's default is every 1000 requests;
 * autocannon and wrk would reconnect, Stampede too, and the reconnects would be measured).
 * keepalive_requests covers HTTP/2 connections too (nginx 1.19.7 and later).
 * @param {string} dir
 * @param {string[]} listens  each a port and its parameters ("8443 ssl http2"), on 127.0.0.1
 */
function nginxConfig(dir, listens) {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  server {
${listens.map((listen) => `    listen 127.0.0.1:${listen};`).join('\n')}
${listens.some((listen) => listen.includes(' ssl')) ? certificateLines(dir) : ''}
    location / {
      default_type text/plain;
      return 200 "ok\\n";
    }
  }
}
`
}

/**
 * @typedef {object} Http2Target
 * @property {string} version
 * @property {string} tlsUrl  HTTP/2 over TLS (ALPN h2), with the self-signed test certificate
 * @property {string} h2cUrl  HTTP/2 in cleartext (h2c, prior knowledge only)
 * @property {number} pid
 * @property {() => Promise<void>} stop
 */

/**
 * nginx speaking HTTP/2 on two ports, TLS and cleartext, configured as the HTTP/1.1 target is (one
 * process, no log, never closing a connection during a run). The certificate is the tests' own
 * self-signed fixture (tests/support/fixtures), so the generators run with certificate checks off.
 * @param {{ repo: string, cpus: string | undefined }} options
 * @returns {Promise<Http2Target>}
 */
export async function startHttp2Target({ repo, cpus }) {
  const version = nginxVersion()
  if (!version) throw new Error('the HTTP/2 section needs nginx with HTTP/2 (Debian: apt-get install nginx-light)')
  const dir = mkdtempSync(join(tmpdir(), 'stampede-bench-nginx-h2-'))
  for (const name of ['self-signed-cert.pem', 'self-signed-key.pem']) {
    copyFileSync(join(repo, 'tests', 'support', 'fixtures', name), join(dir, name))
  }
  const tlsPort = await freePort()
  const h2cPort = await freePort()
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, [`${tlsPort} ssl http2`, `${h2cPort} http2`]))
  const [command, args] = pinned(cpus, 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')])
  const child = startProcess(command, args)
  const stop = async () => {
    await stopGroup(child)
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  try {
    await untilListening(tlsPort, child, () => readFileSync(join(dir, 'error.log'), 'utf8'))
    await untilListening(h2cPort, child, () => readFileSync(join(dir, 'error.log'), 'utf8'))
  } catch (error) {
    await stop()
    throw error
  }
  return {
    version,
    tlsUrl: `https://127.0.0.1:${tlsPort}/`,
    h2cUrl: `http://127.0.0.1:${h2cPort}/`,
    pid: /** @type {number} */ (child.pid),
    stop
  }
}

/** @param {string} dir where startHttp2Target copied the test certificate */
function certificateLines(dir) {
  return `    ssl_certificate ${join(dir, 'self-signed-cert.pem')};\n    ssl_certificate_key ${join(dir, 'self-signed-key.pem')};`
}

/**
 * @param {string | undefined} cpus
 * @returns {Promise<Target>}
 */
async function startNodeServer(cpus) {
  const port = await freePort()
  const script = new URL('./node-target.mjs', import.meta.url).pathname
  const [command, args] = pinned(cpus, process.execPath, [script, String(port)])
  const child = startProcess(command, args)
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  const stop = () => stopGroup(child)
  try {
    await untilListening(port, child, () => stderr)
  } catch (error) {
    await stop()
    throw error
  }
  const url = `http://127.0.0.1:${port}/`
  return { kind: 'node', version: process.version, url, pid: /** @type {number} */ (child.pid), stop }
}

/** nginx's version (it prints it on stderr), or undefined when nginx is not installed. */
function nginxVersion() {
  const { error, stdout, stderr } = spawnSync('nginx', ['-v'], { encoding: 'utf8' })
  if (error) return undefined
  return `${stdout}${stderr}`.trim().replace(/^nginx version: /, '')
}

/** A port that was free a moment ago: the kernel picks it, we release it for the target. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

/**
 * Waits until the port accepts a connection; fails early if the target exits instead.
 * @param {number} port
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => string} diagnostics what the target said, for the error message
 */
async function untilListening(port, child, diagnostics) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the target exited during startup (${child.exitCode ?? child.signalCode}): ${safe(diagnostics)}`)
    }
    if (await accepts(port)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the target did not listen on 127.0.0.1:${port} within ${STARTUP_TIMEOUT_MS} ms: ${safe(diagnostics)}`)
}

/** @param {number} port */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** @param {() => string} read */
function safe(read) {
  try {
    return read().trim().slice(-500) || '(no output)'
  } catch {
    return '(no output)'
  }
}
