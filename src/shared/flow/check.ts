import { typedDurationMs } from '../typed-seconds'
import { bodyCutWhy, compileJsonPath, unquote } from './capture'
import type { ResponseNeeds, StepResponse } from './step-response'

/**
 * Checks, parsed once into predicates: `status == 200` (also !=, <, <=, >, >=, `status in
 * 200..299`), `body contains "TEXT"` (and `!contains`), `json PATH == VALUE` (also != and
 * `exists`), `header NAME contains TEXT`, `header NAME == TEXT` and `latency < 200ms` (also <=).
 * A failed check is counted and the iteration goes on.
 */

export interface CompiledCheck {
  /** As written: the name its tally is kept under. */
  readonly text: string
  readonly needs: ResponseNeeds
  /** True when it passes; `parsedJson` parses the body once for every json check and capture of the step. */
  judge(response: StepResponse, parsedJson: () => unknown): boolean
}

export type CheckRead = { ok: true; check: CompiledCheck } | { ok: false; message: string }

const CHECK_HINT =
  'write status == 200, status in 200..299, body contains "TEXT", json $.path == VALUE, json $.path exists, header NAME contains TEXT or latency < 200ms'

type Compare = (a: number, b: number) => boolean
const NUMBER_COMPARISONS: Readonly<Record<string, Compare>> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b
}

const BODY: ResponseNeeds = { body: true, headers: false }
const HEADERS: ResponseNeeds = { body: false, headers: true }
const NOTHING: ResponseNeeds = { body: false, headers: false }

export function compileCheck(text: string): CheckRead {
  const written = text.trim()
  const refuse = (detail?: string): CheckRead => ({ ok: false, message: `"${written}" is not a check: ${detail ?? CHECK_HINT}.` })
  const check = (needs: ResponseNeeds, judge: CompiledCheck['judge']): CheckRead => ({ ok: true, check: { text: written, needs, judge } })
  let match: RegExpExecArray | null

  if ((match = /^status\s+in\s+(\d{3})\s*\.\.\s*(\d{3})$/.exec(written))) {
    const [low, high] = [Number(match[1]), Number(match[2])]
    if (low > high) return refuse(`the range ${low}..${high} is empty`)
    return check(NOTHING, (response) => response.status >= low && response.status <= high)
  }
  if ((match = /^status\s*(==|!=|<=|>=|<|>)\s*(\d{3})$/.exec(written))) {
    const [compare, code] = [NUMBER_COMPARISONS[match[1]], Number(match[2])]
    return check(NOTHING, (response) => compare(response.status, code))
  }
  if ((match = /^body\s+(!?contains)\s+(.+)$/.exec(written))) {
    const wanted = unquote(match[2])
    const negated = match[1] === '!contains'
    // A cut body cannot prove that text is absent: !contains on a cut body fails.
    return check(BODY, (response) =>
      negated ? !response.bodyCut && !(response.body ?? '').includes(wanted) : (response.body ?? '').includes(wanted)
    )
  }
  if ((match = /^json\s+(.+?)\s+exists$/.exec(written))) {
    const query = compileJsonPath(match[1])
    if (typeof query === 'string') return { ok: false, message: query }
    return check(BODY, (_, parsedJson) => {
      const json = parsedJson()
      return json !== undefined && query.match(json as never) !== undefined
    })
  }
  if ((match = /^json\s+(.+?)\s+(==|!=)\s+(.+)$/.exec(written))) {
    const query = compileJsonPath(match[1])
    if (typeof query === 'string') return { ok: false, message: query }
    const expected = jsonValueText(match[3])
    const equal = match[2] === '=='
    return check(BODY, (_, parsedJson) => {
      const json = parsedJson()
      if (json === undefined) return false
      const node = query.match(json as never)
      const same = node !== undefined && JSON.stringify(node.value) === expected
      return equal ? same : node !== undefined && !same
    })
  }
  if ((match = /^header\s+([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s+(contains|==)\s+(.+)$/.exec(written))) {
    const name = match[1].toLowerCase()
    const wanted = unquote(match[3])
    const contains = match[2] === 'contains'
    return check(HEADERS, (response) => {
      const value = response.header(name)
      return value !== undefined && (contains ? value.includes(wanted) : value === wanted)
    })
  }
  if ((match = /^latency\s*(<=|<)\s*(\S+)$/.exec(written))) {
    const limitMs = typedDurationMs(match[2])
    if (Number.isNaN(limitMs)) return refuse(`"${match[2]}" is not a duration: write one such as 200ms or 1.5s`)
    const compare = NUMBER_COMPARISONS[match[1]]
    return check(NOTHING, (response) => compare(response.latencyMs, limitMs))
  }
  return refuse()
}

/** Why a check that reads the body failed, when the body was cut: the limit, not the server. */
export function checkFailureNote(response: StepResponse): string | undefined {
  return response.bodyCut ? bodyCutWhy(response) : undefined
}

/** VALUE as JSON text: a JSON literal (42, true, null, "text") as it is, bare text as a string. */
function jsonValueText(text: string): string {
  const trimmed = text.trim()
  try {
    return JSON.stringify(JSON.parse(trimmed))
  } catch {
    return JSON.stringify(unquote(trimmed))
  }
}
