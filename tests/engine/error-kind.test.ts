import { describe, expect, it } from 'vitest'
import { errors } from 'undici'
import { RequestDeadlineError, RunCancelledError } from '../../src/engine/abort-reason'
import { errorKindOf } from '../../src/engine/error-kind'

/** A Node system error as net, dns and tls raise them: the code is what matters. */
const systemError = (code: string): Error => Object.assign(new Error(`${code} (test)`), { code })

describe('errorKindOf', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ETIMEDOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['INVALID_CA', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['EPROTO', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['EWHATEVER', 'other']
  ] as const)('maps the system error %s to %s', (code, kind) => {
    expect(errorKindOf(systemError(code))).toBe(kind)
  })

  it('maps undici errors by their codes', () => {
    expect(errorKindOf(new errors.SocketError('other side closed'))).toBe('reset')
    expect(errorKindOf(new errors.ConnectTimeoutError())).toBe('timeout')
    expect(errorKindOf(new errors.HeadersTimeoutError())).toBe('timeout')
    expect(errorKindOf(new errors.BodyTimeoutError())).toBe('timeout')
    expect(errorKindOf(new errors.ResponseContentLengthMismatchError())).toBe('protocol')
    expect(errorKindOf(new errors.HeadersOverflowError())).toBe('protocol')
    expect(errorKindOf(new errors.RequestAbortedError())).toBe('cancelled')
    expect(errorKindOf(new errors.ClientDestroyedError())).toBe('cancelled')
  })

  it('maps a response undici refuses to read as protocol, though it shares the code of a closed socket', () => {
    expect(errorKindOf(new errors.SocketError('bad response'))).toBe('protocol')
    expect(errorKindOf(new errors.SocketError('bad upgrade'))).toBe('protocol')
    expect(errorKindOf(new errors.SocketError('closed'))).toBe('reset')
  })

  it("maps the engine's own abort reasons", () => {
    expect(errorKindOf(new RequestDeadlineError(300))).toBe('timeout')
    expect(errorKindOf(new RunCancelledError())).toBe('cancelled')
  })

  it('maps llhttp parse errors by name when they carry no code', () => {
    expect(errorKindOf(Object.assign(new Error('Parse Error'), { name: 'HTTPParserError' }))).toBe('protocol')
  })

  it('follows `cause` to the error underneath a wrapper', () => {
    const wrapped = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') })
    expect(errorKindOf(wrapped)).toBe('refused')
  })

  it('calls anything else, thrown values included, other', () => {
    expect(errorKindOf(new Error('boom'))).toBe('other')
    expect(errorKindOf('a string')).toBe('other')
    expect(errorKindOf(undefined)).toBe('other')
    expect(errorKindOf({ code: 42 })).toBe('other')
  })
})
