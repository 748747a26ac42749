import { split } from 'shlex'

/**
 * Reads a pasted `curl …` command into the request it would send: method, URL, headers, body, `-k`
 * and the HTTP version asked for. Every argument that cannot be carried over is listed with the
 * reason, never dropped in silence.
 *
 * The words are split by shlex (a port of Python's shlex in POSIX mode, 9 KB, no dependencies): it
 * knows single and double quotes, backslash escapes, line continuations and Bash's $'…' strings,
 * which browsers' "Copy as cURL" uses for bodies with line breaks or non-ASCII text, and it expands
 * no variables. curlconverter parses the whole of Bash with a tree-sitter WebAssembly grammar: far
 * more than a pasted command needs, and too heavy for a renderer that must load without a long task.
 */

export type CurlProtocol = 'http1' | 'h2' | 'h2c'

export interface CurlRequest {
  url: string
  /** Upper case, as sent. */
  method: string
  headers: Array<[name: string, value: string]>
  body?: string
  /** `-k`: accept any TLS certificate. */
  insecure: boolean
  /** Only when a flag asked for one (--http1.1, --http2, --http2-prior-knowledge). */
  protocol?: CurlProtocol
  /** `-m` / `--max-time`, in whole milliseconds. */
  timeoutMs?: number
}

/** One argument of the command that the request does not carry, and why. */
export interface UnmappedArgument {
  argument: string
  reason: string
}

export type CurlReading =
  | { ok: true; request: CurlRequest; unmapped: UnmappedArgument[] }
  | { ok: false; message: string }

/** What curl sends with --compressed (curl 8 built with every decoder). */
const COMPRESSED_ENCODINGS = 'deflate, gzip, br, zstd'
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded'

/** The request as the flags build it, before the defaults that depend on all of them. */
interface Draft {
  urls: string[]
  method?: string
  headers: Array<[string, string]>
  data: string[]
  /** --json: data that also sets JSON's Content-Type and Accept. */
  json: boolean
  /** -G: the data goes into the query string of a GET. */
  dataInQuery: boolean
  head: boolean
  insecure: boolean
  protocol?: CurlProtocol
  timeoutMs?: number
  unmapped: UnmappedArgument[]
}

type Apply = (draft: Draft, value: string, flag: string) => void

interface Option {
  /** Whether the option reads the next word (or the rest of a short cluster) as its value. */
  takesValue: boolean
  /** How it changes the request; absent when it changes nothing the request carries (see `reason`). */
  apply?: Apply
  /** Why it is not carried over. */
  reason?: string
}

const header =
  (name: string): Apply =>
  (draft, value) => {
    draft.headers.push([name, value])
  }

/** -d, --data-ascii: `@file` reads a file (with line breaks removed), which a pasted command cannot. */
const fileOrText =
  (literal: boolean): Apply =>
  (draft, value, flag) => {
    if (!literal && value.startsWith('@')) unmap(draft, `${flag} ${value}`, 'it reads the body from a file; paste the body instead.')
    else draft.data.push(value)
  }

const OUTPUT_ONLY = 'it changes only what curl prints, not the request.'
const NOT_SUPPORTED = 'Stampede has no such setting.'

const OPTIONS: Record<string, Option> = {
  '--request': { takesValue: true, apply: (draft, value) => (draft.method = value.toUpperCase()) },
  '--header': { takesValue: true, apply: addHeader },
  '--data': { takesValue: true, apply: fileOrText(false) },
  '--data-ascii': { takesValue: true, apply: fileOrText(false) },
  '--data-binary': { takesValue: true, apply: fileOrText(false) },
  '--data-raw': { takesValue: true, apply: fileOrText(true) },
  '--data-urlencode': { takesValue: true, apply: addUrlEncodedData },
  '--json': {
    takesValue: true,
    apply: (draft, value, flag) => {
      draft.json = true
      fileOrText(false)(draft, value, flag)
    }
  },
  '--get': { takesValue: false, apply: (draft) => (draft.dataInQuery = true) },
  '--head': { takesValue: false, apply: (draft) => (draft.head = true) },
  '--insecure': { takesValue: false, apply: (draft) => (draft.insecure = true) },
  '--user': { takesValue: true, apply: addBasicAuthorization },
  '--oauth2-bearer': { takesValue: true, apply: (draft, token) => draft.headers.push(['Authorization', `Bearer ${token}`]) },
  '--user-agent': { takesValue: true, apply: header('User-Agent') },
  '--referer': { takesValue: true, apply: (draft, value) => draft.headers.push(['Referer', value.replace(/;auto$/, '')]) },
  '--cookie': {
    takesValue: true,
    apply: (draft, value, flag) => {
      if (value.includes('=')) draft.headers.push(['Cookie', value])
      else unmap(draft, `${flag} ${value}`, 'it reads cookies from a file; give them as -b "name=value".')
    }
  },
  '--compressed': { takesValue: false, apply: (draft) => draft.headers.push(['Accept-Encoding', COMPRESSED_ENCODINGS]) },
  '--url': { takesValue: true, apply: (draft, value) => draft.urls.push(value) },
  '--max-time': {
    takesValue: true,
    apply: (draft, value, flag) => {
      const seconds = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN
      if (seconds > 0) draft.timeoutMs = Math.round(seconds * 1000)
      else unmap(draft, `${flag} ${value}`, 'it is not a number of seconds.')
    }
  },
  '--http1.1': { takesValue: false, apply: (draft) => (draft.protocol = 'http1') },
  '--http2': { takesValue: false, apply: (draft) => (draft.protocol = 'h2') },
  '--http2-prior-knowledge': { takesValue: false, apply: (draft) => (draft.protocol = 'h2c') },

  '--location': { takesValue: false, reason: 'Stampede does not follow redirects: a 3xx counts as a response.' },
  '--location-trusted': { takesValue: false, reason: 'Stampede does not follow redirects: a 3xx counts as a response.' },
  '--max-redirs': { takesValue: true, reason: 'Stampede does not follow redirects.' },
  '--form': { takesValue: true, reason: 'multipart form bodies are not supported; send the body as text.' },
  '--form-string': { takesValue: true, reason: 'multipart form bodies are not supported; send the body as text.' },
  '--upload-file': { takesValue: true, reason: 'it sends a file; paste the body instead.' },
  '--http1.0': { takesValue: false, reason: 'Stampede speaks HTTP/1.1 or HTTP/2.' },
  '--http3': { takesValue: false, reason: 'Stampede speaks HTTP/1.1 or HTTP/2.' },
  '--http3-only': { takesValue: false, reason: 'Stampede speaks HTTP/1.1 or HTTP/2.' },
  '--proxy': { takesValue: true, reason: 'Stampede connects to the target directly.' },
  '--proxy-user': { takesValue: true, reason: 'Stampede connects to the target directly.' },
  '--noproxy': { takesValue: true, reason: 'Stampede connects to the target directly.' },
  '--resolve': { takesValue: true, reason: NOT_SUPPORTED },
  '--connect-to': { takesValue: true, reason: NOT_SUPPORTED },
  '--connect-timeout': { takesValue: true, reason: 'Stampede has one timeout per request (Timeout, under Request).' },
  '--cacert': { takesValue: true, reason: NOT_SUPPORTED },
  '--capath': { takesValue: true, reason: NOT_SUPPORTED },
  '--cert': { takesValue: true, reason: 'client certificates are not supported.' },
  '--key': { takesValue: true, reason: 'client certificates are not supported.' },
  '--cookie-jar': { takesValue: true, reason: OUTPUT_ONLY },
  '--retry': { takesValue: true, reason: 'a load test counts each failure rather than retry it.' },
  '--limit-rate': { takesValue: true, reason: 'set the load under Load instead.' },
  '--range': { takesValue: true, reason: 'add a Range header instead.' },
  '--unix-socket': { takesValue: true, reason: NOT_SUPPORTED },
  '--interface': { takesValue: true, reason: NOT_SUPPORTED },
  '--config': { takesValue: true, reason: 'it reads options from a file.' },
  '--output': { takesValue: true, reason: OUTPUT_ONLY },
  '--write-out': { takesValue: true, reason: OUTPUT_ONLY },
  '--dump-header': { takesValue: true, reason: OUTPUT_ONLY },
  '--trace': { takesValue: true, reason: OUTPUT_ONLY },
  '--trace-ascii': { takesValue: true, reason: OUTPUT_ONLY },
  '--stderr': { takesValue: true, reason: OUTPUT_ONLY },
  '--silent': { takesValue: false, reason: OUTPUT_ONLY },
  '--show-error': { takesValue: false, reason: OUTPUT_ONLY },
  '--verbose': { takesValue: false, reason: OUTPUT_ONLY },
  '--include': { takesValue: false, reason: OUTPUT_ONLY },
  '--progress-bar': { takesValue: false, reason: OUTPUT_ONLY },
  '--no-progress-meter': { takesValue: false, reason: OUTPUT_ONLY },
  '--remote-name': { takesValue: false, reason: OUTPUT_ONLY },
  '--fail': { takesValue: false, reason: 'Stampede counts every 4xx and 5xx response.' },
  '--fail-with-body': { takesValue: false, reason: 'Stampede counts every 4xx and 5xx response.' }
}

const SHORT_OPTIONS: Record<string, string> = {
  X: '--request',
  H: '--header',
  d: '--data',
  G: '--get',
  I: '--head',
  k: '--insecure',
  u: '--user',
  A: '--user-agent',
  e: '--referer',
  b: '--cookie',
  m: '--max-time',
  L: '--location',
  F: '--form',
  T: '--upload-file',
  x: '--proxy',
  U: '--proxy-user',
  E: '--cert',
  c: '--cookie-jar',
  r: '--range',
  K: '--config',
  o: '--output',
  w: '--write-out',
  D: '--dump-header',
  s: '--silent',
  S: '--show-error',
  v: '--verbose',
  i: '--include',
  '#': '--progress-bar',
  O: '--remote-name',
  f: '--fail',
  '0': '--http1.0'
}

export function readCurlCommand(text: string): CurlReading {
  // Windows' cmd quoting (^" and ^ at line ends, from "Copy as cURL (cmd)") is not a shell's.
  if (/\^"|\^\r?\n/.test(text)) {
    return { ok: false, message: 'This is cmd.exe quoting: copy the command as cURL (bash) instead.' }
  }
  let words: string[]
  try {
    words = split(text.replace(/\r\n/g, '\n'))
  } catch (error) {
    const reason = error instanceof Error && /quot/i.test(error.message) ? 'a quote is never closed' : 'it cannot be read'
    return { ok: false, message: `Not a command Stampede can read: ${reason}.` }
  }
  if (words.length === 0 || !/(^|[/\\])curl(\.exe)?$/i.test(words[0])) {
    return { ok: false, message: 'A cURL command starts with "curl".' }
  }
  const draft: Draft = {
    urls: [],
    headers: [],
    data: [],
    json: false,
    dataInQuery: false,
    head: false,
    insecure: false,
    unmapped: []
  }
  readWords(words.slice(1), draft)
  const [url, ...otherUrls] = draft.urls
  if (url === undefined) return { ok: false, message: 'The cURL command has no URL.' }
  for (const other of otherUrls) unmap(draft, other, 'Stampede tests one URL at a time; the first is used.')
  return { ok: true, request: finish(draft, url), unmapped: draft.unmapped }
}

function readWords(words: string[], draft: Draft): void {
  let index = 0
  /** The value of an option: the rest of a short cluster, or the next word. */
  const valueAfter = (flag: string, rest: string): string | undefined => {
    if (rest !== '') return rest
    if (index >= words.length) {
      unmap(draft, flag, 'it needs a value and has none.')
      return undefined
    }
    return words[index++]
  }
  const use = (flag: string, option: Option, rest = ''): void => {
    const value = option.takesValue ? valueAfter(flag, rest) : ''
    if (value === undefined) return
    if (option.apply) option.apply(draft, value, flag)
    else unmap(draft, option.takesValue ? `${flag} ${value}` : flag, option.reason ?? NOT_SUPPORTED)
  }

  let optionsEnded = false
  while (index < words.length) {
    const word = words[index++]
    if (optionsEnded || !word.startsWith('-') || word === '-') {
      draft.urls.push(word)
    } else if (word === '--') {
      optionsEnded = true
    } else if (word.startsWith('--')) {
      const option = OPTIONS[word]
      if (option) use(word, option)
      else unmap(draft, word, 'Stampede does not know this curl option.')
    } else {
      // A cluster of short options: -sSL, -XPOST, -HAccept:x. A value takes the rest of the word.
      for (let at = 1; at < word.length; at++) {
        const flag = `-${word[at]}`
        const long = SHORT_OPTIONS[word[at]]
        const option = long === undefined ? undefined : OPTIONS[long]
        if (!option) {
          unmap(draft, flag, 'Stampede does not know this curl option.')
          continue
        }
        use(flag, option, option.takesValue ? word.slice(at + 1) : '')
        if (option.takesValue) break
      }
    }
  }
}

function finish(draft: Draft, typedUrl: string): CurlRequest {
  // curl reads a URL without a scheme as http://.
  let url = /^[a-z][a-z\d+.-]*:\/\//i.test(typedUrl) ? typedUrl : `http://${typedUrl}`
  const headers = draft.headers
  const has = (name: string): boolean => headers.some(([each]) => each.toLowerCase() === name.toLowerCase())
  const data = draft.data.length > 0 ? draft.data.join('&') : undefined
  let body: string | undefined
  let method: string
  if (data !== undefined && draft.dataInQuery) {
    const [beforeFragment] = url.split('#', 1)
    url = `${beforeFragment}${beforeFragment.includes('?') ? '&' : '?'}${data}`
    method = draft.method ?? (draft.head ? 'HEAD' : 'GET')
  } else {
    body = data
    method = draft.method ?? (draft.head ? 'HEAD' : data !== undefined ? 'POST' : 'GET')
    if (body !== undefined && draft.json) {
      if (!has('Content-Type')) headers.push(['Content-Type', 'application/json'])
      if (!has('Accept')) headers.push(['Accept', 'application/json'])
    } else if (body !== undefined && !has('Content-Type')) {
      headers.push(['Content-Type', FORM_CONTENT_TYPE])
    }
  }
  const request: CurlRequest = { url, method, headers, insecure: draft.insecure }
  if (body !== undefined) request.body = body
  if (draft.protocol) request.protocol = draft.protocol
  if (draft.timeoutMs !== undefined) request.timeoutMs = draft.timeoutMs
  return request
}

/** -H "Name: value"; "Name;" sends an empty value; "Name:" removes a header of curl's own. */
function addHeader(draft: Draft, value: string, flag: string): void {
  if (value.startsWith('@')) return unmap(draft, `${flag} ${value}`, 'it reads headers from a file.')
  const colon = value.indexOf(':')
  if (colon === -1) {
    if (value.trimEnd().endsWith(';')) draft.headers.push([value.trimEnd().slice(0, -1).trim(), ''])
    else unmap(draft, `${flag} ${value}`, 'a header is written "Name: value".')
    return
  }
  const name = value.slice(0, colon).trim()
  const headerValue = value.slice(colon + 1).trim()
  if (headerValue === '') return unmap(draft, `${flag} ${value}`, "it removes a header of curl's own; Stampede adds none of those.")
  draft.headers.push([name, headerValue])
}

/** -u user:password becomes the Basic Authorization header curl would send. */
function addBasicAuthorization(draft: Draft, value: string, flag: string): void {
  if (!value.includes(':')) return unmap(draft, `${flag} ${value}`, 'curl would ask for the password; give it as -u user:password.')
  const bytes = new TextEncoder().encode(value)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  draft.headers.push(['Authorization', `Basic ${btoa(binary)}`])
}

/** --data-urlencode: "content", "=content" and "name=content" are encoded as curl does; "@file" cannot be read. */
function addUrlEncodedData(draft: Draft, value: string, flag: string): void {
  const equals = value.indexOf('=')
  const at = value.indexOf('@')
  if (at !== -1 && (equals === -1 || at < equals)) {
    return unmap(draft, `${flag} ${value}`, 'it reads the body from a file; paste the body instead.')
  }
  if (equals === -1) draft.data.push(encodeFormComponent(value))
  else if (equals === 0) draft.data.push(encodeFormComponent(value.slice(1)))
  else draft.data.push(`${value.slice(0, equals)}=${encodeFormComponent(value.slice(equals + 1))}`)
}

/** curl percent-encodes everything but unreserved characters, spaces included (as %20). */
function encodeFormComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}

function unmap(draft: Draft, argument: string, reason: string): void {
  draft.unmapped.push({ argument, reason })
}
