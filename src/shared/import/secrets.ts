import type { StepDefinition } from '../flow/flow-definition'
import type { SecretFinding, SecretKind } from './imported-test'

/**
 * Which steps carry credentials: Authorization headers, API keys (headers and query parameters),
 * passwords and tokens in form and JSON bodies. A value that is a {{variable}} has left the file;
 * a literal one stays, and is said, so nobody commits a live token without knowing it.
 */

const KEY_HEADER = /^(x-)?(api[-_]?key|auth[-_]?token|access[-_]?token|session[-_]?token|csrf[-_]?token|xsrf[-_]?token)$/i
const SECRET_FIELD = /^(pass(word)?|passwd|pwd|secret|client[-_]?secret|api[-_]?key|apikey|token|access[-_]?token|refresh[-_]?token|private[-_]?key)$/i
const SECRET_QUERY = /^(api[-_]?key|apikey|key|access[-_]?token|token|auth|secret|signature|sig|password)$/i

/** Whether a text is nothing but templates and the words around them (`Bearer {{token}}`). */
const templated = (value: string): boolean => /\{\{[^}]+\}\}/.test(value) && !/[A-Za-z0-9+/=_-]{16,}/.test(value.replace(/\{\{[^}]+\}\}/g, ''))

export function secretsOf(steps: StepDefinition[]): SecretFinding[] {
  const findings: SecretFinding[] = []
  steps.forEach((step, index) => {
    const add = (kind: SecretKind, where: string, value: string): void => {
      if (value.trim() !== '') findings.push({ step: index, kind, where, staysInFile: !templated(value) })
    }
    for (const [name, value] of step.headers) {
      if (/^(proxy-)?authorization$/i.test(name)) add('authorization', `header ${name}`, value)
      else if (KEY_HEADER.test(name)) add(/key/i.test(name) ? 'apiKey' : 'token', `header ${name}`, value)
    }
    for (const [name, value] of queryParameters(step.url)) {
      if (SECRET_QUERY.test(name)) add(/key/i.test(name) ? 'apiKey' : /pass/i.test(name) ? 'password' : 'token', `query ${name}`, value)
    }
    for (const [name, value] of bodyFields(step)) {
      if (SECRET_FIELD.test(name)) add(/^(pass|pwd)/i.test(name) ? 'password' : /key/i.test(name) ? 'apiKey' : 'token', `body ${name}`, value)
    }
  })
  return findings
}

function queryParameters(url: string): Array<[string, string]> {
  const query = url.indexOf('?')
  if (query === -1) return []
  return formPairs(url.slice(query + 1).split('#')[0])
}

/** Pairs of a form body, or a JSON body's fields at any depth (strings and numbers). */
function bodyFields(step: StepDefinition): Array<[string, string]> {
  const body = step.body
  if (body === undefined) return []
  const type = step.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  if (/json/i.test(type) || /^\s*[[{]/.test(body)) {
    const fields: Array<[string, string]> = []
    // A template may leave the body unparseable ({"n": {{count}}}); then it is read as text.
    try {
      collect(JSON.parse(body), fields)
      return fields
    } catch {
      return [...body.matchAll(/"([^"]+)"\s*:\s*"([^"]*)"/g)].map((match) => [match[1], match[2]])
    }
  }
  if (/x-www-form-urlencoded/i.test(type) || /^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(body)) return formPairs(body)
  return []
}

function collect(node: unknown, fields: Array<[string, string]>): void {
  if (Array.isArray(node)) node.forEach((item) => collect(item, fields))
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' || typeof value === 'number') fields.push([key, String(value)])
      else collect(value, fields)
    }
  }
}

function formPairs(text: string): Array<[string, string]> {
  return text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const equals = pair.indexOf('=')
      const decode = (part: string): string => {
        try {
          return decodeURIComponent(part.replace(/\+/g, ' '))
        } catch {
          return part
        }
      }
      return equals === -1 ? [decode(pair), ''] : [decode(pair.slice(0, equals)), decode(pair.slice(equals + 1))]
    })
}
