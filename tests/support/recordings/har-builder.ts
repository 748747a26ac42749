import type { Entry, Har, Header } from 'har-format'

/**
 * HAR files written for the import's tests, in the ways three recorders write them: Chrome
 * (HTTP/2 pseudo-headers, sec-* headers, _resourceType, bodies of binary types in base64),
 * Firefox (no _resourceType, form bodies as params, pages titled with the page's title) and
 * Playwright's recordHar (pages titled with the URL, _frameref, no resource types). No real
 * user's recording is used.
 */
export type Recorder = 'chrome' | 'firefox' | 'playwright'

export interface ExchangeSpec {
  method?: string
  url: string
  requestHeaders?: Array<[string, string]>
  body?: { mimeType: string; text?: string; params?: Array<{ name: string; value?: string; fileName?: string }> }
  status?: number
  responseHeaders?: Array<[string, string]>
  mimeType?: string
  text?: string
  /** Chrome's word for it: document, xhr, fetch, script, stylesheet, image, font. */
  resourceType?: string
  /** ms after the recording's start. */
  at?: number
  time?: number
}

const START = Date.parse('2026-12-01T10:00:00.000Z')
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'

export function harOf(recorder: Recorder, exchanges: ExchangeSpec[], title = 'Shop'): Har {
  const entries = exchanges.map((spec, index) => entryOf(recorder, spec, index))
  const firstUrl = exchanges[0]?.url ?? 'http://127.0.0.1/'
  return {
    log: {
      version: '1.2',
      creator: { name: recorder === 'chrome' ? 'WebInspector' : recorder === 'firefox' ? 'Firefox' : 'Playwright', version: '1.0' },
      pages: [
        {
          startedDateTime: new Date(START).toISOString(),
          id: 'page_1',
          title: recorder === 'playwright' ? firstUrl : title,
          pageTimings: { onContentLoad: 100, onLoad: 200 }
        }
      ],
      entries
    }
  }
}

function entryOf(recorder: Recorder, spec: ExchangeSpec, index: number): Entry {
  const url = new URL(spec.url)
  const method = spec.method ?? (spec.body ? 'POST' : 'GET')
  const headers: Header[] = []
  if (recorder === 'chrome' && url.protocol === 'https:') {
    headers.push(
      { name: ':authority', value: url.host },
      { name: ':method', value: method },
      { name: ':path', value: url.pathname + url.search },
      { name: ':scheme', value: 'https' }
    )
  } else {
    headers.push({ name: 'Host', value: url.host })
  }
  headers.push({ name: recorder === 'chrome' ? 'user-agent' : 'User-Agent', value: recorder === 'firefox' ? FIREFOX_UA : CHROME_UA })
  if (recorder === 'chrome') {
    headers.push({ name: 'sec-ch-ua', value: '"Chromium";v="131"' }, { name: 'sec-fetch-mode', value: 'cors' })
  }
  if (recorder === 'firefox') headers.push({ name: 'Sec-Fetch-Site', value: 'same-origin' }, { name: 'Connection', value: 'keep-alive' })
  for (const [name, value] of spec.requestHeaders ?? []) headers.push({ name, value })
  if (spec.body?.text !== undefined) headers.push({ name: 'Content-Length', value: String(spec.body.text.length) })

  const text = spec.text ?? ''
  const binary = spec.mimeType !== undefined && /^(image|font)\//.test(spec.mimeType)
  const content: Entry['response']['content'] = { size: text.length, mimeType: spec.mimeType ?? 'text/plain' }
  if (text !== '') {
    if (binary || (recorder === 'chrome' && spec.mimeType === 'application/octet-stream')) {
      content.text = Buffer.from(text).toString('base64')
      content.encoding = 'base64'
    } else content.text = text
  }
  const entry: Entry = {
    pageref: 'page_1',
    startedDateTime: new Date(START + (spec.at ?? index * 1000)).toISOString(),
    time: spec.time ?? 20,
    request: {
      method,
      url: spec.url,
      httpVersion: recorder === 'chrome' && url.protocol === 'https:' ? 'h2' : 'HTTP/1.1',
      cookies: [],
      headers,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: spec.body?.text?.length ?? 0
    },
    response: {
      status: spec.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: (spec.responseHeaders ?? []).map(([name, value]) => ({ name, value })),
      content,
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length
    },
    cache: {},
    timings: { send: 1, wait: (spec.time ?? 20) - 2, receive: 1 }
  }
  if (spec.body) {
    entry.request.postData = { mimeType: spec.body.mimeType } as NonNullable<Entry['request']['postData']>
    // Firefox writes a form's fields as params and, at times, no text.
    if (spec.body.text !== undefined && !(recorder === 'firefox' && spec.body.params)) entry.request.postData.text = spec.body.text
    if (spec.body.params) entry.request.postData.params = spec.body.params
  }
  if (recorder === 'chrome' && spec.resourceType) Object.assign(entry, { _resourceType: spec.resourceType })
  if (recorder === 'playwright') Object.assign(entry, { _frameref: 'frame@1' })
  return entry
}
