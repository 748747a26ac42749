import type { RecordedExchange } from './recording'
import type { DropReason } from './imported-test'

/**
 * What a browser loads besides the journey: static assets, CORS preflights and third parties'
 * calls. A load test of the journey sends none of them (a CDN is someone else's server, and a
 * browser caches assets anyway); every one dropped is listed.
 */

const STATIC_TYPES = /^(image|font|audio|video)\/|^text\/css$|javascript$|^application\/(wasm|font-|x-font-|vnd\.ms-fontobject)|^text\/(x-)?javascript$/
const STATIC_EXTENSIONS = /\.(m?js|css|map|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot|mp4|webm|mp3|ogg|wasm)$/i
/** Chrome's _resourceType for a resource a page loads by itself. */
const STATIC_RESOURCE_TYPES = new Set(['script', 'stylesheet', 'image', 'font', 'media', 'manifest', 'texttrack'])

/** Suffixes of hosts that are analytics, tag managers, error trackers or CDNs: never the journey. */
const ANALYTICS_OR_CDN = [
  'google-analytics.com',
  'analytics.google.com',
  'googletagmanager.com',
  'doubleclick.net',
  'googlesyndication.com',
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'gstatic.com',
  'facebook.net',
  'connect.facebook.com',
  'segment.io',
  'segment.com',
  'hotjar.com',
  'clarity.ms',
  'mixpanel.com',
  'amplitude.com',
  'newrelic.com',
  'nr-data.net',
  'datadoghq.com',
  'browser-intake-datadoghq.com',
  'sentry.io',
  'intercom.io',
  'optimizely.com',
  'cloudflareinsights.com',
  'cdnjs.cloudflare.com',
  'cdn.jsdelivr.net',
  'unpkg.com',
  'akamaihd.net',
  'cloudfront.net',
  'fastly.net',
  'bootstrapcdn.com',
  'jquery.com'
]

export function isAnalyticsOrCdn(host: string): boolean {
  const lower = host.toLowerCase().replace(/:\d+$/, '')
  return ANALYTICS_OR_CDN.some((suffix) => lower === suffix || lower.endsWith(`.${suffix}`))
}

/** Why an exchange is noise whatever host it goes to, or undefined when it may be part of the journey. */
export function noiseReason(exchange: RecordedExchange): Exclude<DropReason, 'otherHost'> | undefined {
  const { request, response, resourceType } = exchange
  if (!/^https?:\/\//i.test(request.url)) return 'notHttp'
  if (request.method === 'OPTIONS' && request.headers.some(([name]) => name.toLowerCase() === 'access-control-request-method')) {
    return 'preflight'
  }
  if (resourceType !== undefined && STATIC_RESOURCE_TYPES.has(resourceType)) return 'static'
  if (response && STATIC_TYPES.test(response.mimeType)) return 'static'
  if (STATIC_EXTENSIONS.test(pathOf(request.url))) return 'static'
  return undefined
}

/** host[:port] as the URL has it, lower case; '' for a URL that cannot be read. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return ''
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

/**
 * Headers a browser adds by itself, or that the replay must not copy, with why. The rest of a
 * recorded request's headers are sent as they were.
 */
export function droppedHeaderReason(lowerName: string, keepUserAgent: boolean): string | undefined {
  if (lowerName.startsWith(':')) return 'an HTTP/2 pseudo-header: the URL and method say it.'
  if (lowerName.startsWith('sec-')) return "the browser's own (fetch metadata and client hints)."
  if (lowerName === 'cookie') return "not replayed: each virtual user's cookie jar sends the cookies its own responses set."
  if (lowerName === 'user-agent' && !keepUserAgent) return "the browser's; kept when asked (--user-agent)."
  return BROWSER_HEADERS[lowerName]
}

const BROWSER_HEADERS: Record<string, string> = {
  host: 'the URL says it.',
  'content-length': "recomputed from the step's body.",
  connection: 'the connection is managed by Stampede.',
  'keep-alive': 'the connection is managed by Stampede.',
  'transfer-encoding': 'the connection is managed by Stampede.',
  upgrade: 'the connection is managed by Stampede.',
  te: 'the connection is managed by Stampede.',
  'upgrade-insecure-requests': "the browser's own.",
  priority: "the browser's own.",
  dnt: "the browser's own.",
  purpose: "the browser's own (prefetch).",
  'if-none-match': "the browser's cache: replayed, it would turn answers into 304s.",
  'if-modified-since': "the browser's cache: replayed, it would turn answers into 304s."
}
