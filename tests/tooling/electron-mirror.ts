import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buffer } from 'node:stream/consumers'
import { ZipFile } from 'yazl'

/** Where Electron's zip keeps the executable (node_modules/electron/install.js, getPlatformPath). */
export function electronExecutablePath(platform: NodeJS.Platform): string | undefined {
  if (platform === 'linux') return 'electron'
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  // A script cannot pass for electron.exe: Windows proves the download with the real binary instead.
  return undefined
}

/**
 * A stand-in for Electron's release zip, laid out as the real one: the executable where install.js
 * expects it and a `version` file. The executable is a shell script that writes how it was launched
 * (its path, arguments, working folder, electron-vite's variables) to $STAND_IN_RECORD and exits 0,
 * as Electron does when its window is closed.
 */
export async function standInElectronZip(version: string, executablePath: string): Promise<Buffer> {
  const recorder = [
    '#!/bin/sh',
    '# Stand-in for Electron: records how it was launched, then exits as a closed app does.',
    `exec node -e '`,
    'require("node:fs").writeFileSync(process.env.STAND_IN_RECORD, JSON.stringify({',
    '  executable: process.argv[1], args: process.argv.slice(2), cwd: process.cwd(),',
    '  rendererUrl: process.env.ELECTRON_RENDERER_URL ?? null, mode: process.env.NODE_ENV_ELECTRON_VITE ?? null',
    `}))' "$0" "$@"`,
    ''
  ].join('\n')
  const zip = new ZipFile()
  zip.addBuffer(Buffer.from(recorder), executablePath, { mode: 0o100755 })
  zip.addBuffer(Buffer.from(version), 'version', { mode: 0o100644 })
  zip.end()
  return buffer(zip.outputStream)
}

/**
 * A local Electron release mirror (what ELECTRON_MIRROR points at) serving one artifact and its
 * SHASUMS256.txt, and counting every request it receives by path.
 */
export class ElectronMirror {
  readonly requests = new Map<string, number>()
  private readonly server: Server

  private constructor(files: Map<string, Buffer>) {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://mirror').pathname
      this.requests.set(path, (this.requests.get(path) ?? 0) + 1)
      const body = files.get(path)
      res.writeHead(body ? 200 : 404, { 'content-length': String(body?.length ?? 0) })
      res.end(body)
    })
  }

  /** Serves `zip` as `/v<version>/<zipName>`, the path @electron/get asks for under ELECTRON_MIRROR. */
  static async start(version: string, zipName: string, zip: Buffer): Promise<ElectronMirror> {
    const sha256 = createHash('sha256').update(zip).digest('hex')
    const files = new Map([
      [`/v${version}/${zipName}`, zip],
      [`/v${version}/SHASUMS256.txt`, Buffer.from(`${sha256} *${zipName}\n`)]
    ])
    const mirror = new ElectronMirror(files)
    mirror.server.listen(0, '127.0.0.1')
    await once(mirror.server, 'listening')
    return mirror
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`
  }

  count(path: string): number {
    return this.requests.get(path) ?? 0
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    this.server.close()
    await once(this.server, 'close')
  }
}
