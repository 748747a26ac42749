import type { Entry, Har } from 'har-format'
import { request } from 'undici'

/**
 * Records real exchanges with a local server as a browser's HAR export would: each request as it
 * was sent (with a browser's own headers added), each response as it came, bodies as text. What
 * the import's end-to-end tests import, so every recorded value is one the server really issued.
 */
const BROWSER_HEADERS: Array<[string, string]> = [
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'],
  ['sec-ch-ua', '"Chromium";v="131"'],
  ['sec-fetch-site', 'same-origin']
]

export class HarRecorder {
  private readonly entries: Entry[] = []

  async send(method: string, url: string, headers: Array<[string, string]> = [], body?: string, resourceType = 'fetch'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
    const sent: Array<[string, string]> = [['Host', new URL(url).host], ...BROWSER_HEADERS, ...headers]
    const startedAt = Date.now()
    const response = await request(url, { method: method as 'GET', headers: sent.filter(([name]) => name !== 'Host').flat(), body })
    const text = await response.body.text()
    const responseHeaders = Object.entries(response.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value ?? '']).map((each) => ({ name, value: each })))
    const mimeType = String(response.headers['content-type'] ?? '')
    const entry: Entry = {
      startedDateTime: new Date(startedAt).toISOString(),
      time: Date.now() - startedAt,
      request: {
        method,
        url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: sent.map(([name, value]) => ({ name, value })),
        queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
        headersSize: -1,
        bodySize: body === undefined ? 0 : Buffer.byteLength(body)
      },
      response: {
        status: response.statusCode,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: responseHeaders,
        content: { size: text.length, mimeType, text },
        redirectURL: String(response.headers.location ?? ''),
        headersSize: -1,
        bodySize: text.length
      },
      cache: {},
      timings: { send: 0, wait: Date.now() - startedAt, receive: 0 }
    }
    if (body !== undefined) {
      const type = sent.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'text/plain'
      entry.request.postData = { mimeType: type, text: body }
    }
    Object.assign(entry, { _resourceType: resourceType })
    this.entries.push(entry)
    return { status: response.statusCode, headers: response.headers, text }
  }

  har(title: string): Har {
    return { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [{ startedDateTime: this.entries[0]?.startedDateTime ?? new Date().toISOString(), id: 'page_1', title, pageTimings: {} }], entries: this.entries } }
  }
}
