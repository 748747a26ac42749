import type { ErrorKind } from '../shared/run-snapshot'

/**
 * Turns whatever a request failed with (a Node system error, an undici error, one of our own abort
 * reasons) into the one ErrorKind the run counts it under. Codes, not messages: messages change
 * (one exception below, where undici gives two different failures the same code).
 */
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  // Our own reasons (./abort-reason.ts), and undici's for a pool we closed or destroyed.
  STAMPEDE_CANCELLED: 'cancelled',
  UND_ERR_ABORTED: 'cancelled',
  UND_ERR_ABORT: 'cancelled',
  UND_ERR_DESTROYED: 'cancelled',
  UND_ERR_CLOSED: 'cancelled',
  ABORT_ERR: 'cancelled',

  STAMPEDE_DEADLINE: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',

  ECONNREFUSED: 'refused',

  ECONNRESET: 'reset',
  STAMPEDE_PIPELINE_RESET: 'reset',
  // Only ever meets requests already ended (./target-connections.ts); a live one had lost its connection.
  STAMPEDE_NO_REQUEST: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  // undici's "other side closed" and its note that a kept-alive socket went away mid-request.
  UND_ERR_SOCKET: 'reset',
  UND_ERR_INFO: 'reset',

  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',

  // OpenSSL reports a failed handshake (e.g. TLS spoken to a plain HTTP port) as EPROTO.
  EPROTO: 'tls',
  UND_ERR_PRX_TLS: 'tls',

  // HTTP/2: the peer reset the stream (RST_STREAM); other ERR_HTTP2_ codes are protocol, below.
  ERR_HTTP2_STREAM_ERROR: 'reset',

  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol',
  UND_ERR_HEADERS_OVERFLOW: 'protocol',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'protocol'
}

/**
 * Node's TLS errors (ERR_TLS_*, ERR_SSL_*) and OpenSSL's certificate verification codes, listed in
 * Node's tls docs (CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, INVALID_CA...).
 */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_)|CERT|CRL|^(INVALID_CA|PATH_LENGTH_EXCEEDED|INVALID_PURPOSE|HOSTNAME_MISMATCH)$/

/** How deep to follow `cause`: undici and fetch wrap the system error once or twice at most. */
const MAX_CAUSE_DEPTH = 4

/**
 * undici refuses a response it will not read (an interim 100 Continue it did not ask for, an answer
 * with no request, an upgrade it did not ask for) with the code of a closed socket, UND_ERR_SOCKET;
 * only the message tells the two apart. The target answered, so this is protocol, not reset.
 */
const REFUSED_RESPONSE_MESSAGES: ReadonlySet<string> = new Set(['bad response', 'bad upgrade'])

export function errorKindOf(error: unknown): ErrorKind {
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Object; depth++) {
    const kind = kindOfOne(current as { code?: unknown; name?: unknown; message?: unknown })
    if (kind) return kind
    current = (current as { cause?: unknown }).cause
  }
  return 'other'
}

function kindOfOne(error: { code?: unknown; name?: unknown; message?: unknown }): ErrorKind | undefined {
  const code = typeof error.code === 'string' ? error.code : ''
  if (code === 'UND_ERR_SOCKET' && REFUSED_RESPONSE_MESSAGES.has(error.message as string)) return 'protocol'
  if (code) {
    const known = KIND_BY_CODE[code]
    if (known) return known
    // llhttp's parse errors: HPE_INVALID_CONSTANT, HPE_INVALID_HEADER_TOKEN, ...
    if (code.startsWith('HPE_')) return 'protocol'
    // Node's HTTP/2 errors: a peer that does not speak HTTP/2 (h2c to an HTTP/1.1 server), bad frames.
    if (code.startsWith('ERR_HTTP2_')) return 'protocol'
    if (TLS_CODE.test(code)) return 'tls'
  }
  if (error.name === 'HTTPParserError') return 'protocol'
  if (error.name === 'AbortError') return 'cancelled'
  return undefined
}
