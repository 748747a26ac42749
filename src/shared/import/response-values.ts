import type { CaptureSource } from '../flow/flow-definition'
import type { RecordedResponse } from './recording'

/**
 * The values a response gives that a later request might send back, each with the capture that
 * would read it again on a replay: JSON body fields (`json $.a.b`), headers (`header x-session`,
 * `header location`), cookies set (`cookie sid`), and HTML hidden inputs and <meta> CSRF tokens
 * (`regex 'name="csrf" value="([^"]+)"'`). Only values that look like something a server issues
 * are offered (./correlation.ts: isTokenLike).
 */
export interface ResponseValue {
  value: string
  source: CaptureSource
  expression: string
  /** What to call the variable: the field's, header's, cookie's or input's own name. */
  nameHint: string
}

/** Headers that describe the answer rather than carry a value the client sends back. */
const DESCRIPTIVE_HEADERS = new Set([
  'date', 'expires', 'last-modified', 'age', 'content-type', 'content-length', 'content-encoding', 'content-language',
  'content-security-policy', 'content-security-policy-report-only', 'strict-transport-security', 'cache-control',
  'vary', 'server', 'via', 'connection', 'keep-alive', 'transfer-encoding', 'alt-svc', 'report-to', 'nel',
  'x-powered-by', 'x-frame-options', 'x-content-type-options', 'x-xss-protection', 'referrer-policy',
  'permissions-policy', 'cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cross-origin-resource-policy',
  'accept-ranges', 'pragma', 'server-timing', 'timing-allow-origin'
])

/** A JSON body is walked this far: a huge array of items holds no token past its first entries. */
const JSON_LEAVES_LIMIT = 5000

export function responseValues(response: RecordedResponse): ResponseValue[] {
  const values: ResponseValue[] = []
  for (const [name, value] of response.headers) {
    const lower = name.toLowerCase()
    if (lower === 'set-cookie') {
      const cookie = /^\s*([^=;\s]+)=([^;]*)/.exec(value)
      if (cookie) values.push({ value: cookie[2], source: 'cookie', expression: cookie[1], nameHint: cookie[1] })
    } else if (!DESCRIPTIVE_HEADERS.has(lower) && !lower.startsWith('access-control-')) {
      values.push({ value: value.trim(), source: 'header', expression: lower, nameHint: lower })
    }
  }
  const text = response.text
  if (text === undefined || text === '') return values
  if (/json/.test(response.mimeType) || /^\s*[[{]/.test(text)) values.push(...jsonValues(text))
  if (/html|xml/.test(response.mimeType) || /<(input|meta)\b/i.test(text)) values.push(...htmlValues(text))
  return values
}

function jsonValues(text: string): ResponseValue[] {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    return []
  }
  const values: ResponseValue[] = []
  const walk = (node: unknown, path: string, key: string): void => {
    if (values.length >= JSON_LEAVES_LIMIT) return
    if (typeof node === 'string' || (typeof node === 'number' && Number.isInteger(node))) {
      values.push({ value: String(node), source: 'json', expression: path, nameHint: key })
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${path}[${index}]`, key))
    } else if (typeof node === 'object' && node !== null) {
      for (const [child, value] of Object.entries(node)) walk(value, `${path}${jsonPathMember(child)}`, child)
    }
  }
  walk(document, '$', 'value')
  return values
}

/** `.token`, or `['odd key']` for a member name JSONPath's shorthand cannot write (RFC 9535). */
function jsonPathMember(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `.${name}`
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}

const TAG = /<(input|meta)\b[^>]*>/gi
const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

/** Hidden inputs by their name, and <meta> tags whose name says CSRF or XSRF, by their content. */
function htmlValues(text: string): ResponseValue[] {
  const values: ResponseValue[] = []
  for (const tag of text.matchAll(TAG)) {
    const attributes = [...tag[0].matchAll(ATTRIBUTE)].map((match) => ({
      name: match[1].toLowerCase(),
      value: match[2] ?? match[3],
      quote: match[2] === undefined ? "'" : '"',
      at: match.index
    }))
    const attribute = (name: string) => attributes.find((each) => each.name === name)
    const isInput = tag[1].toLowerCase() === 'input'
    const name = attribute('name')
    const carrier = attribute(isInput ? 'value' : 'content')
    if (!name || !carrier) continue
    if (isInput && attribute('type')?.value.toLowerCase() !== 'hidden') continue
    if (!isInput && !/csrf|xsrf/i.test(name.value)) continue
    values.push({
      value: carrier.value,
      source: 'regex',
      expression: attributePairPattern(name, carrier),
      nameHint: name.value
    })
  }
  return values
}

interface Attribute {
  name: string
  value: string
  quote: string
  at: number
}

/** `name="csrf"[^>]*value="([^"]+)"`, the two in the order the page writes them. */
function attributePairPattern(name: Attribute, carrier: Attribute): string {
  const named = `${name.name}=${name.quote}${escapeRegExp(name.value)}${name.quote}`
  const captured = `${carrier.name}=${carrier.quote}([^${carrier.quote}]+)${carrier.quote}`
  return name.at < carrier.at ? `${named}[^>]*${captured}` : `${captured}[^>]*${named}`
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
