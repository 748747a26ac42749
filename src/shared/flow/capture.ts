import { compile, type JSONPathQuery } from 'json-p3'
import { CAPTURE_SOURCES, type CaptureDefinition, type CaptureSource } from './flow-definition'
import type { ResponseNeeds, StepResponse } from './step-response'

/**
 * Captures, parsed once: `json PATH` (RFC 9535 JSONPath through json-p3, which has no script
 * expressions to evaluate), `header NAME`, `regex 'PATTERN'` (the first group, else the whole
 * match) and `cookie NAME`. A compiled capture is a small extractor: the value, or why none.
 */

export type CaptureOutcome = { ok: true; value: string } | { ok: false; why: string }

export interface CompiledCapture {
  readonly variable: string
  /** As written: `json $.token`. */
  readonly text: string
  readonly needs: ResponseNeeds
  extract(response: StepResponse, parsedJson: () => unknown): CaptureOutcome
}

export type CaptureParse = { ok: true; capture: CaptureDefinition } | { ok: false; message: string }

const CAPTURE_HINT = "write json $.path, header NAME, regex 'PATTERN' or cookie NAME"

/** `json $.token` as the file writes it, for `variable`. */
export function parseCaptureText(variable: string, text: string): CaptureParse {
  const match = /^\s*(\S+)\s+([\s\S]*?)\s*$/.exec(text)
  const source = match?.[1] as CaptureSource | undefined
  if (!match || !source || !CAPTURE_SOURCES.includes(source) || match[2] === '') {
    return { ok: false, message: `"${text}" is not a capture: ${CAPTURE_HINT}.` }
  }
  const expression = source === 'regex' ? unquote(match[2]) : match[2]
  const capture: CaptureDefinition = { variable, source, expression }
  const compiled = compileCapture(capture)
  return compiled.ok ? { ok: true, capture } : compiled
}

/** The capture as the file writes it back. */
export function captureText({ source, expression }: CaptureDefinition): string {
  return source === 'regex' ? `regex '${expression}'` : `${source} ${expression}`
}

export function compileCapture(capture: CaptureDefinition): { ok: true; capture: CompiledCapture } | { ok: false; message: string } {
  const text = captureText(capture)
  const { variable, source, expression } = capture
  switch (source) {
    case 'json': {
      const query = compileJsonPath(expression)
      if (typeof query === 'string') return { ok: false, message: query }
      return {
        ok: true,
        capture: {
          variable,
          text,
          needs: { body: true, headers: false },
          extract: (response, parsedJson) => {
            const json = parsedJson()
            if (json === undefined) return { ok: false, why: response.bodyCut ? bodyCutWhy(response) : 'the body is not JSON' }
            const node = query.match(json as never)
            if (node === undefined) return { ok: false, why: `${expression} found nothing` }
            return { ok: true, value: typeof node.value === 'string' ? node.value : JSON.stringify(node.value) }
          }
        }
      }
    }
    case 'header': {
      const name = expression.toLowerCase()
      return {
        ok: true,
        capture: {
          variable,
          text,
          needs: { body: false, headers: true },
          extract: (response) => {
            const value = response.header(name)
            return value === undefined ? { ok: false, why: `no ${expression} header` } : { ok: true, value }
          }
        }
      }
    }
    case 'regex': {
      let pattern: RegExp
      try {
        pattern = new RegExp(expression)
      } catch (error) {
        return { ok: false, message: `'${expression}' is not a regular expression: ${(error as Error).message}.` }
      }
      return {
        ok: true,
        capture: {
          variable,
          text,
          needs: { body: true, headers: false },
          extract: (response) => {
            const found = pattern.exec(response.body ?? '')
            if (found) return { ok: true, value: found[1] ?? found[0] }
            return { ok: false, why: response.bodyCut ? bodyCutWhy(response) : 'the pattern matched nothing' }
          }
        }
      }
    }
    case 'cookie':
      return {
        ok: true,
        capture: {
          variable,
          text,
          needs: { body: false, headers: true },
          extract: (response) => {
            const value = response.cookie(expression)
            return value === undefined ? { ok: false, why: `no cookie ${expression}` } : { ok: true, value }
          }
        }
      }
  }
}

/** A JSONPath query compiled, or what is wrong with it. */
export function compileJsonPath(expression: string): JSONPathQuery | string {
  try {
    return compile(expression)
  } catch (error) {
    return `"${expression}" is not a JSONPath query (RFC 9535, such as $.token or $.items[0].id): ${(error as Error).message.replace(/\s*\(\d+:\d+\)\s*$/, '')}.`
  }
}

export function bodyCutWhy(response: StepResponse): string {
  return `the body is longer than the step's body limit and was read only to it (${response.body?.length ?? 0} characters)`
}

/** 'TEXT' or "TEXT" to TEXT; anything else as it is. */
export function unquote(text: string): string {
  const trimmed = text.trim()
  if (trimmed.length >= 2 && (trimmed[0] === "'" || trimmed[0] === '"') && trimmed.endsWith(trimmed[0])) return trimmed.slice(1, -1)
  return trimmed
}
