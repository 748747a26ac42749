import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Where the window loads the UI from: electron-vite's dev server when it runs (it sets
 * ELECTRON_RENDERER_URL), otherwise the built out/renderer/index.html next to out/main.
 */
export function rendererUrl(
  devServerUrl = process.env.ELECTRON_RENDERER_URL,
  mainDir: string = __dirname
): string {
  return devServerUrl || pathToFileURL(join(mainDir, '../renderer/index.html')).href
}

/** True for a page of our renderer: the dev server's origin, or the very same built file. */
export function isRendererUrl(candidate: string, expected: string = rendererUrl()): boolean {
  let actual: URL
  let wanted: URL
  try {
    actual = new URL(candidate)
    wanted = new URL(expected)
  } catch {
    return false
  }
  if (wanted.protocol === 'file:') {
    return actual.protocol === 'file:' && actual.host === wanted.host && actual.pathname === wanted.pathname
  }
  return actual.origin === wanted.origin
}
