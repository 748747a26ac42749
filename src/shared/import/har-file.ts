import { z } from 'zod'
import { notJsonMessage } from '../report/report-file'
import { RESPONSE_TEXT_LIMIT, type HeaderList, type RecordedExchange, type Recording } from './recording'

/**
 * A HAR 1.2 file (Chrome's and Firefox's "Save all as HAR", Playwright's recordHar) read into a
 * recording. Only what a replay needs is read, and each of those parts is checked: a file that is
 * not a HAR, or an entry without its method or URL, refuses the whole file, naming the entry, so
 * nothing is ever half imported. Its size is the caller's to check before reading (IMPORT_MAX_BYTES).
 */

/** A journey's HAR with bodies is a few MB; hundreds are a session's worth of video and images. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024

export type HarReading = { ok: true; recording: Recording } | { ok: false; message: string }

const header = z.object({ name: z.string(), value: z.string() })
const entry = z.object({
  startedDateTime: z.string().optional(),
  time: z.number().optional(),
  _resourceType: z.string().optional(),
  request: z.object({
    method: z.string().min(1),
    url: z.string().min(1),
    headers: z.array(header),
    postData: z
      .object({
        mimeType: z.string().optional(),
        text: z.string().optional(),
        params: z
          .array(z.object({ name: z.string(), value: z.string().optional(), fileName: z.string().optional() }))
          .optional()
      })
      .optional()
  }),
  response: z
    .object({
      status: z.number(),
      headers: z.array(header),
      content: z
        .object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional() })
        .optional()
    })
    .optional()
})
const harSchema = z.object({
  log: z.object({
    pages: z.array(z.object({ title: z.string().optional() }).loose()).optional(),
    entries: z.array(entry)
  })
})

type HarEntry = z.infer<typeof entry>

export function readHar(text: string, fileName: string): HarReading {
  const json = parseJsonText(text, fileName)
  return json.ok ? readHarDocument(json.value, fileName) : json
}

/** A HAR's JSON, already parsed (the import's format detection parses a file once). */
export function readHarDocument(document: unknown, fileName: string): HarReading {
  const parsed = harSchema.safeParse(document)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '')
    return { ok: false, message: `${fileName}: not a HAR file: ${path === '' ? '' : `${path}: `}${issue.message}.` }
  }
  const { pages, entries } = parsed.data.log
  if (entries.length === 0) return { ok: false, message: `${fileName}: the recording has no requests.` }
  const exchanges: RecordedExchange[] = []
  for (const [index, each] of entries.entries()) {
    try {
      exchanges.push(exchangeOf(each))
    } catch (error) {
      return { ok: false, message: `${fileName}: log.entries[${index}]: ${(error as Error).message}` }
    }
  }
  const firstDocument = entries.find((each) => each._resourceType === 'document' || /html/.test(each.response?.content?.mimeType ?? ''))
  const recording: Recording = { exchanges }
  const title = pages?.[0]?.title?.trim()
  if (title && !/^https?:\/\//.test(title)) recording.title = title
  const pageUrl = firstDocument?.request.url ?? (title && /^https?:\/\//.test(title) ? title : undefined)
  if (pageUrl) {
    try {
      recording.firstPageHost = new URL(pageUrl).host.toLowerCase()
    } catch {
      // A page without a URL of its own: the journey is then the host most requests go to.
    }
  }
  return { ok: true, recording }
}

function exchangeOf(each: HarEntry): RecordedExchange {
  const { request, response } = each
  if (!/^[A-Za-z]+$/.test(request.method)) throw new Error(`the method ${JSON.stringify(request.method)} is not an HTTP method.`)
  const exchange: RecordedExchange = {
    request: { method: request.method.toUpperCase(), url: request.url, headers: headerList(request.headers) }
  }
  const body = requestBody(request.postData)
  if (body.text !== undefined) exchange.request.body = body.text
  if (body.files.length > 0) exchange.request.unsentParts = body.files
  if (request.postData?.mimeType && !exchange.request.headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    exchange.request.headers.push(['Content-Type', request.postData.mimeType])
  }
  if (response && response.status > 0) {
    const mimeType = (response.content?.mimeType ?? '').split(';')[0].trim().toLowerCase()
    exchange.response = { status: response.status, headers: headerList(response.headers), mimeType }
    const text = responseText(response.content, mimeType)
    if (text !== undefined) exchange.response.text = text
  }
  const started = each.startedDateTime === undefined ? Number.NaN : Date.parse(each.startedDateTime)
  if (!Number.isNaN(started)) exchange.startedMs = started
  if (each.time !== undefined && each.time >= 0) exchange.durationMs = each.time
  if (each._resourceType) exchange.resourceType = each._resourceType.toLowerCase()
  return exchange
}

function headerList(headers: Array<{ name: string; value: string }>): HeaderList {
  return headers.map(({ name, value }) => [name, value])
}

/**
 * The body as text; Firefox writes a form's fields as params without text at times. A file in a
 * multipart body is named, never sent.
 */
function requestBody(postData: HarEntry['request']['postData']): { text?: string; files: string[] } {
  if (!postData) return { files: [] }
  const files = (postData.params ?? []).filter((param) => param.fileName !== undefined).map((param) => `${param.name}: ${param.fileName}`)
  if (postData.text !== undefined) return { text: postData.text, files }
  const params = postData.params ?? []
  if (params.length > 0 && /x-www-form-urlencoded/.test(postData.mimeType ?? '')) {
    const text = params.map(({ name, value }) => `${encodeURIComponent(name)}=${encodeURIComponent(value ?? '')}`).join('&')
    return { text, files }
  }
  return { files }
}

/** Only text a token could sit in, base64 decoded when the browser encoded it, and at most RESPONSE_TEXT_LIMIT. */
function responseText(content: { text?: string; encoding?: string } | undefined, mimeType: string): string | undefined {
  if (content?.text === undefined) return undefined
  if (!/json|html|xml|text\/|javascript|x-www-form-urlencoded/.test(mimeType) && mimeType !== '') return undefined
  if (content.encoding === 'base64') {
    try {
      const binary = atob(content.text.slice(0, Math.ceil((RESPONSE_TEXT_LIMIT * 4) / 3 / 4) * 4))
      const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
      return new TextDecoder().decode(bytes).slice(0, RESPONSE_TEXT_LIMIT)
    } catch {
      throw new Error('the response body says base64 but is not.')
    }
  }
  return content.text.slice(0, RESPONSE_TEXT_LIMIT)
}

/** JSON text, or a message naming the file, the line and the column of what is wrong. */
export function parseJsonText(text: string, fileName: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) }
  } catch (error) {
    return { ok: false, message: `${fileName}: ${notJsonMessage(text, error)}` }
  }
}
