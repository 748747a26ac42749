/**
 * The app's own pages are served by main from a privileged scheme of their own
 * (./renderer-protocol.ts), never from file://: a file: URL's spelling varies by OS (Chromium
 * writes Windows drive letters in upper case, Node's pathToFileURL keeps what it was given), and a
 * file: page may read other files. An origin is one scheme and one host, both case-insensitive.
 */
export const RENDERER_SCHEME = 'stampede'
export const RENDERER_HOST = 'app'
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`

/** Where the window's page comes from, and which pages count as ours (for navigation and IPC). */
export interface RendererLocation {
  /** What the window loads. */
  readonly url: string
  /** electron-vite's dev server serves the page: its CSP needs the dev server's extras. */
  readonly fromDevServer: boolean
  /** True for a page of our renderer, and for nothing else. */
  isRendererUrl(candidate: string): boolean
}

/**
 * electron-vite's dev server when it runs (it sets ELECTRON_RENDERER_URL), otherwise the built
 * files. A packaged app never obeys the variable: anyone who can set its environment would
 * otherwise make it load, and trust, a page of their own.
 */
export function rendererLocation({
  isPackaged,
  devServerUrl
}: {
  isPackaged: boolean
  devServerUrl: string | undefined
}): RendererLocation {
  const devServer = !isPackaged && devServerUrl ? parseUrl(devServerUrl) : undefined
  if (devServer && (devServer.protocol === 'http:' || devServer.protocol === 'https:')) {
    // URL.origin lower-cases the host and drops a default port, so any spelling of it matches.
    const origin = devServer.origin
    return {
      url: devServer.href,
      fromDevServer: true,
      isRendererUrl: (candidate) => parseUrl(candidate)?.origin === origin
    }
  }
  return { url: RENDERER_ENTRY_URL, fromDevServer: false, isRendererUrl: isBuiltRendererUrl }
}

/** Any path of stampede://app, however the scheme and host are cased; nothing else. */
export function isBuiltRendererUrl(candidate: string): boolean {
  const url = parseUrl(candidate)
  if (!url) return false
  // Node's URL keeps a custom scheme's host as written; Chromium lower-cases a standard scheme's.
  return (
    url.protocol.toLowerCase() === `${RENDERER_SCHEME}:` &&
    url.host.toLowerCase() === RENDERER_HOST &&
    url.username === '' &&
    url.password === ''
  )
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
