/**
 * A template (any text of a step: URL, header value, body) compiled once into literal parts and
 * slots: `{{name}}` is a variable (the file's, a data column, an earlier step's capture), `{{$name
 * ARGS}}` a built-in, named as Postman and k6 users would guess. Rendering joins the parts with the
 * slots' values; a template with no slot is its text, and costs nothing per request.
 */

/** What a built-in needs from the iteration it is rendered in. */
export interface IterationContext {
  /** The iteration's number in the whole run, from 0. */
  iteration: number
  /** The virtual user's number in the whole run, from 0. */
  vu: number
}

/** The values of an iteration's variables, by the slot index compileFlow gave each name. */
export type VariableValues = ReadonlyArray<string | undefined>

type Slot = (values: VariableValues, context: IterationContext) => string

export interface CompiledTemplate {
  /** The text when the template has no slot; undefined otherwise. */
  readonly constant: string | undefined
  /** The variables it reads, by name (built-ins aside). */
  readonly variables: readonly string[]
  render(values: VariableValues, context: IterationContext): string
}

export type TemplateRead = { ok: true; template: CompiledTemplate } | { ok: false; message: string }

const SLOT = /\{\{\s*([^{}]*?)\s*\}\}/g
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/** The built-ins, for messages and the README: name and what it gives. */
export const BUILT_IN_VARIABLES: Readonly<Record<string, string>> = {
  $iteration: "the iteration's number in the run, from 0",
  $vu: "the virtual user's number, from 0",
  $uuid: 'a random UUID (version 4)',
  $guid: 'the same as $uuid',
  $randomUUID: 'the same as $uuid',
  $randomInt: 'a random whole number: {{$randomInt MIN MAX}}, both included (0 to 1000 without them)',
  $timestamp: 'the time in whole seconds since 1970 (Unix time)',
  $timestampMs: 'the time in milliseconds since 1970',
  $isoTimestamp: 'the time as ISO 8601, such as 2026-12-08T01:02:03.456Z'
}

/**
 * Compiles `text`; `slotOf` gives a variable's index in VariableValues (compileFlow decides which
 * names are defined where, and says so).
 */
export function compileTemplate(text: string, slotOf: (name: string) => number): TemplateRead {
  const parts: string[] = []
  const slots: Slot[] = []
  const variables: string[] = []
  let last = 0
  for (const match of text.matchAll(SLOT)) {
    const inside = match[1]
    const slot = inside.startsWith('$') ? builtInSlot(inside) : variableSlot(inside, slotOf)
    if (typeof slot === 'string') return { ok: false, message: slot }
    if (!inside.startsWith('$')) variables.push(inside)
    parts.push(text.slice(last, match.index))
    slots.push(slot)
    last = match.index + match[0].length
  }
  const rest = text.slice(last)
  if (slots.length === 0) {
    if (/\{\{|\}\}/.test(text)) return { ok: false, message: `"${shorten(text)}" has a {{ or }} that is not part of a {{variable}}.` }
    return { ok: true, template: { constant: text, variables, render: () => text } }
  }
  parts.push(rest)
  return {
    ok: true,
    template: {
      constant: undefined,
      variables,
      render(values, context) {
        let out = parts[0]
        for (let i = 0; i < slots.length; i++) out += slots[i](values, context) + parts[i + 1]
        return out
      }
    }
  }
}

/** Every `{{name}}` of a text (built-ins aside), in order, for the check of what is defined. */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(SLOT)].map((match) => match[1]).filter((name) => !name.startsWith('$'))
}

function variableSlot(name: string, slotOf: (name: string) => number): Slot | string {
  if (!VARIABLE_NAME.test(name)) return `{{${name}}} is not a variable name: use letters, digits, _ . and -, starting with a letter.`
  const index = slotOf(name)
  return (values) => values[index] ?? ''
}

function builtInSlot(inside: string): Slot | string {
  const [name, ...args] = inside.split(/\s+/)
  switch (name) {
    case '$iteration':
      return (_, context) => String(context.iteration)
    case '$vu':
      return (_, context) => String(context.vu)
    case '$uuid':
    case '$guid':
    case '$randomUUID':
      return () => crypto.randomUUID()
    case '$timestamp':
      return () => String(Math.floor(Date.now() / 1000))
    case '$timestampMs':
      return () => String(Date.now())
    case '$isoTimestamp':
      return () => new Date().toISOString()
    case '$randomInt': {
      const [min, max] = args.length === 0 ? [0, 1000] : args.map(Number)
      if (args.length !== 2 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        return `{{${inside}}}: write {{$randomInt MIN MAX}} with two whole numbers, MIN no more than MAX.`
      }
      const span = max - min + 1
      return () => String(min + Math.floor(Math.random() * span))
    }
    default:
      return `{{${name}}} is not a built-in variable: the built-ins are ${Object.keys(BUILT_IN_VARIABLES).join(', ')}.`
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}
