import type { StepDefinition } from '../flow/flow-definition'
import type { CorrelationProposal, CorrelationUse } from './imported-test'
import type { RecordedResponse } from './recording'
import { responseValues, type ResponseValue } from './response-values'

/**
 * Automatic correlation: a value a response gave that a later request sent back (a token, a
 * session id, a CSRF value, an order's id in a Location) is what a replay must not send as
 * recorded. Each becomes a capture on the step whose response gave it first, and `{{variable}}`
 * in every later URL, header and body that carried it. A proposal the review rejected is listed
 * and changes nothing.
 */

/** Under this, a value is as likely to be a word or a count as something a server issued. */
export const MIN_CORRELATED_LENGTH = 8

/**
 * Something a server issues: at least MIN_CORRELATED_LENGTH characters, not a boolean, and with a
 * digit unless it is long (a random token has digits; `application` and `/api/items` do not).
 */
export function isTokenLike(value: string): boolean {
  if (value.length < MIN_CORRELATED_LENGTH || /^(true|false|null)$/i.test(value)) return false
  if (/^\s|\s$/.test(value)) return false
  return /\d/.test(value) || value.length >= 16
}

/** Reserved: the importer's own `{{host}}`, and names the built-ins use ($…) cannot be made. */
const TAKEN_NAMES = new Set(['host'])

export function correlate(
  steps: StepDefinition[],
  responses: Array<RecordedResponse | undefined>,
  rejected: ReadonlySet<string>,
  /** Each step's place in the whole recording, so a proposal's id stays when other hosts are kept. */
  recordedIndex: readonly number[] = steps.map((_, index) => index)
): CorrelationProposal[] {
  const proposals: Array<CorrelationProposal & { value: string }> = []
  const correlated = new Set<string>()
  const names = new Set(TAKEN_NAMES)
  // What the client itself sent up to each step: a value it sent first (a user name echoed back) was not issued.
  let sentSoFar = ''
  steps.forEach((step, index) => {
    sentSoFar += `\n${requestText(step)}`
    const response = responses[index]
    if (!response) return
    for (const candidate of responseValues(response)) {
      const { value } = candidate
      if (correlated.has(value) || !isTokenLike(value) || sentSoFar.includes(value)) continue
      const uses = usesAfter(steps, index, value)
      if (uses.length === 0) continue
      correlated.add(value)
      const variable = unusedName(variableName(candidate), names)
      const id = `${recordedIndex[index]}:${candidate.source}:${candidate.expression}`
      proposals.push({
        id,
        variable,
        step: index,
        source: candidate.source,
        expression: candidate.expression,
        preview: preview(value),
        uses,
        accepted: !rejected.has(id),
        value
      })
    }
  })
  const accepted = proposals.filter((proposal) => proposal.accepted)
  for (const { step, variable, source, expression } of accepted) steps[step].captures.push({ variable, source, expression })
  // Longer values first, so a token that holds another is replaced whole.
  for (const proposal of accepted.sort((a, b) => b.value.length - a.value.length)) {
    for (let later = proposal.step + 1; later < steps.length; later++) substitute(steps[later], proposal.value, proposal.variable)
  }
  return proposals.map(({ value: _value, ...proposal }) => proposal)
}

function requestText(step: StepDefinition): string {
  return [step.url, ...step.headers.map(([name, value]) => `${name}: ${value}`), step.body ?? ''].join('\n')
}

function usesAfter(steps: StepDefinition[], producer: number, value: string): CorrelationUse[] {
  const encoded = encodeURIComponent(value)
  const found = (text: string | undefined): boolean => text !== undefined && (text.includes(value) || text.includes(encoded))
  const uses: CorrelationUse[] = []
  for (let index = producer + 1; index < steps.length; index++) {
    const step = steps[index]
    if (found(step.url)) uses.push({ step: index, where: 'url' })
    for (const [name, headerValue] of step.headers) if (found(headerValue)) uses.push({ step: index, where: 'header', name })
    if (found(step.body)) uses.push({ step: index, where: 'body' })
  }
  return uses
}

function substitute(step: StepDefinition, value: string, variable: string): void {
  const slot = `{{${variable}}}`
  const encoded = encodeURIComponent(value)
  const replace = (text: string): string => {
    const plain = text.split(value).join(slot)
    return encoded === value ? plain : plain.split(encoded).join(slot)
  }
  step.url = replace(step.url)
  step.headers = step.headers.map(([name, headerValue]) => [name, replace(headerValue)])
  if (step.body !== undefined) step.body = replace(step.body)
}

/** `access_token` stays; `x-session` becomes `xSession`, `csrf-token` `csrfToken`: names a template can hold. */
function variableName(candidate: ResponseValue): string {
  const words = candidate.nameHint.split(/[^A-Za-z0-9_]+/).filter(Boolean)
  const joined = words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('')
  const name = /^[A-Za-z_]/.test(joined) ? joined : `value${joined}`
  return name === '' ? 'value' : name
}

function unusedName(name: string, taken: Set<string>): string {
  let candidate = name
  for (let copy = 2; taken.has(candidate); copy++) candidate = `${name}${copy}`
  taken.add(candidate)
  return candidate
}

/** A recorded token shown in part: enough to recognise it, not enough to use it. */
function preview(value: string): string {
  return value.length <= 12 ? value : `${value.slice(0, 6)}…${value.slice(-4)}`
}
