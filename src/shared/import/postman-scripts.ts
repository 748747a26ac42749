import type { CaptureDefinition } from '../flow/flow-definition'

/**
 * A Postman test script, never executed: its common lines translated into captures and checks,
 * every other line listed. Read line by line, as people write them:
 *
 *   pm.environment.set('token', pm.response.json().data.token)      json capture $.data.token
 *   const body = pm.response.json(); pm.collectionVariables.set('id', body.id)
 *   pm.globals.set('session', pm.response.headers.get('X-Session'))  header capture
 *   pm.response.to.have.status(200)                                  check status == 200
 *   pm.expect(pm.response.code).to.eql(200)                          check status == 200
 *   pm.expect(pm.response.text()).to.include('welcome')              check body contains "welcome"
 *
 * `pm.test("…", function () {` and its closing `});` only wrap what they hold.
 */
export interface ScriptTranslation {
  captures: CaptureDefinition[]
  checks: string[]
  /** Lines of code that were not translated, trimmed, in order. */
  untranslated: string[]
}

const SETTER = String.raw`pm\.(?:environment|collectionVariables|globals|variables)\.set\(\s*(['"\x60])([^'"\x60]+)\1\s*,\s*`
const JSON_ACCESS = String.raw`((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(['"])[^'"]*\4\])*)`
const STRING = String.raw`(['"\x60])((?:\\.|(?!\1).)*)\1`

const JSON_CAPTURE = new RegExp(`^${SETTER}pm\\.response\\.json\\(\\)${JSON_ACCESS}\\s*\\)$`)
const HEADER_CAPTURE = new RegExp(`^${SETTER}pm\\.response\\.headers\\.get\\(\\s*${STRING.replace(/\\1/g, '\\3')}\\s*\\)\\s*\\)$`)
const JSON_ALIAS = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*pm\.response\.json\(\)$/
const STATUS_CHECK = /^pm\.response\.to\.(?:have\.status|be\.status)\(\s*(\d{3})\s*\)$/
const CODE_CHECK = /^pm\.expect\(\s*pm\.response\.code\s*\)\.to\.(?:eql|equal|be\.equal|eq)\(\s*(\d{3})\s*\)$/
const TEXT_CHECK = new RegExp(`^pm\\.expect\\(\\s*pm\\.response\\.text\\(\\)\\s*\\)\\.to\\.(?:include|contain|have\\.string)\\(\\s*${STRING}\\s*\\)$`)
const TEST_OPEN = /^pm\.test\(\s*(['"\x60]).*\1\s*,\s*(?:function\s*\(\s*\)|\(\s*\)\s*=>)\s*\{$/
const TEST_ONE_LINE = /^pm\.test\(\s*(['"\x60]).*?\1\s*,\s*(?:function\s*\(\s*\)\s*\{|\(\s*\)\s*=>\s*\{?)\s*(.*?)\s*;?\s*\}?\s*\)$/
/** `pm.test("…", function () { pm.response.to.have.status(204)`: the statement a one-line test opens with. */
const TEST_OPEN_INLINE = /^pm\.test\(\s*(['"\x60]).*?\1\s*,\s*(?:function\s*\(\s*\)|\(\s*\)\s*=>)\s*\{\s*(.+)$/
const CLOSE = /^\}\s*\)?$/

export function translateTestScript(lines: readonly string[]): ScriptTranslation {
  const translation: ScriptTranslation = { captures: [], checks: [], untranslated: [] }
  const aliases = new Set<string>()
  for (const line of lines) {
    for (const statement of statementsOf(line)) {
      if (!translateStatement(statement, aliases, translation)) translation.untranslated.push(statement)
    }
  }
  return translation
}

/** A line's statements, `;` apart (outside quotes), comments and blank ones left out. */
function statementsOf(line: string): string[] {
  const code = line.replace(/^\s*\/\/.*$/, '').trim()
  if (code === '') return []
  const statements: string[] = []
  let current = ''
  let quote: string | undefined
  for (let at = 0; at < code.length; at++) {
    const char = code[at]
    if (quote) {
      if (char === '\\') {
        current += char + (code[++at] ?? '')
        continue
      }
      if (char === quote) quote = undefined
    } else if (char === "'" || char === '"' || char === '`') quote = char
    else if (char === ';') {
      if (current.trim() !== '') statements.push(current.trim())
      current = ''
      continue
    } else if (char === '/' && code[at + 1] === '/') break
    current += char
  }
  if (current.trim() !== '') statements.push(current.trim())
  return statements
}

function translateStatement(statement: string, aliases: Set<string>, translation: ScriptTranslation): boolean {
  if (TEST_OPEN.test(statement) || CLOSE.test(statement)) return true
  const inline = TEST_OPEN_INLINE.exec(statement)
  if (inline) return translateStatement(inline[2], aliases, translation)
  const oneLine = TEST_ONE_LINE.exec(statement)
  if (oneLine) return oneLine[2] === '' || translateStatement(oneLine[2], aliases, translation)
  const alias = JSON_ALIAS.exec(statement)
  if (alias) {
    aliases.add(alias[1])
    return true
  }
  const json = JSON_CAPTURE.exec(statement)
  if (json) return capture(translation, json[2], 'json', `$${json[3]}`)
  for (const name of aliases) {
    const aliased = new RegExp(`^${SETTER}${name.replace(/\$/g, '\\$')}${JSON_ACCESS}\\s*\\)$`).exec(statement)
    if (aliased) return capture(translation, aliased[2], 'json', `$${aliased[3]}`)
  }
  const header = HEADER_CAPTURE.exec(statement)
  if (header) return capture(translation, header[2], 'header', unescapeString(header[4]).toLowerCase())
  const status = STATUS_CHECK.exec(statement) ?? CODE_CHECK.exec(statement)
  if (status) {
    translation.checks.push(`status == ${status[1]}`)
    return true
  }
  const text = TEXT_CHECK.exec(statement)
  if (text) {
    translation.checks.push(`body contains ${JSON.stringify(unescapeString(text[2]))}`)
    return true
  }
  return false
}

function capture(translation: ScriptTranslation, variable: string, source: 'json' | 'header', expression: string): boolean {
  // A JSONPath of RFC 9535 writes names in brackets with single quotes: ["a"] becomes ['a'].
  const written = source === 'json' ? expression.replace(/\["([^"]*)"\]/g, "['$1']") : expression
  translation.captures.push({ variable, source, expression: written })
  return true
}

function unescapeString(text: string): string {
  return text.replace(/\\(.)/g, '$1')
}
