/**
 * The renderer's Content-Security-Policy, in one place: the build writes it into index.html as a
 * meta tag and main sends it as a response header. The packaged app loads nothing but its own files.
 */
const STRICT: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"]
}

/**
 * Vite's dev server injects React Fast Refresh as an inline script and CSS as <style> tags, and
 * talks to the page over a websocket: `electron-vite dev` needs these, and only it gets them.
 */
const DEV_SERVER_EXTRAS: Record<string, string[]> = {
  'script-src': ["'unsafe-inline'"],
  'style-src': ["'unsafe-inline'"],
  'connect-src': ['ws://localhost:*', 'ws://127.0.0.1:*']
}

export function contentSecurityPolicy(forDevServer = false): string {
  return Object.entries(STRICT)
    .map(([directive, sources]) => {
      const extras = forDevServer ? (DEV_SERVER_EXTRAS[directive] ?? []) : []
      return `${directive} ${[...sources, ...extras].join(' ')}`
    })
    .join('; ')
}
