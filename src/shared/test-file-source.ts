import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml'

/**
 * A test file's text read into a value, keeping where each key was written so that a message can
 * name the line. YAML through `yaml` (eemeli/yaml); JSON through `jsonc-parser` (VS Code's), which,
 * unlike a YAML reader, refuses what JSON refuses (a trailing comma, a comment, single quotes) and
 * says where.
 */

export type TestFileFormat = 'yaml' | 'json'

/** A key path in the file: keys and list indexes, as in ['load', 'stages', 1, 'duration']. */
export type KeyPath = ReadonlyArray<string | number>

export type SourceRead =
  | { ok: true; value: unknown; lineOf: (path: KeyPath) => number | undefined }
  | { ok: false; line?: number; message: string }

/** JSON by the name's extension; YAML otherwise (.yaml, .yml, or no extension at all). */
export function testFileFormatOf(fileName: string): TestFileFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'yaml'
}

export function readSource(text: string, format: TestFileFormat): SourceRead {
  return format === 'json' ? readJson(text) : readYaml(text)
}

/** The library's words where they speak of its API rather than of the file. */
const YAML_PROBLEMS: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'This key is given twice in its mapping.',
  MULTIPLE_DOCS: 'A test file holds one test: remove the second document (from ---).'
}

function readYaml(text: string): SourceRead {
  const lines = new LineCounter()
  // One document; a key given twice is an error (uniqueKeys), as a typo must not pass silently.
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true })
  const [error] = document.errors
  if (error) {
    // The library's message ends " at line L, column C:" and an excerpt: the line is given apart.
    const message = YAML_PROBLEMS[error.code] ?? `${error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')}.`
    return { ok: false, line: error.linePos?.[0].line, message }
  }
  let value: unknown
  try {
    // maxAliasCount bounds what aliases may expand to (a "billion laughs" file).
    value = document.toJS({ maxAliasCount: 100 })
  } catch (failure) {
    return { ok: false, message: (failure as Error).message }
  }
  return {
    ok: true,
    value,
    lineOf: (path) => {
      const offset = yamlOffsetOf(document, path)
      return offset === undefined ? undefined : lines.linePos(offset).line
    }
  }
}

/** Where the key at `path` is written (the key itself, for a mapping's entry), or its nearest ancestor. */
function yamlOffsetOf(document: Document, path: KeyPath): number | undefined {
  let node: unknown = document.contents
  let offset: number | undefined = (node as YamlNode | null)?.range?.[0]
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step))
      if (!pair) break
      offset = (pair.key as YamlNode).range?.[0] ?? offset
      node = pair.value
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      node = node.items[step]
      offset = (node as YamlNode).range?.[0] ?? offset
    } else break
  }
  return offset
}

const JSON_OPTIONS = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false }

function readJson(text: string): SourceRead {
  const errors: JsonParseError[] = []
  const tree = parseTree(text, errors, JSON_OPTIONS)
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length
  const [error] = errors
  if (error || tree === undefined) {
    if (!error) return { ok: false, message: 'The file holds no JSON.' }
    const problem = jsonProblem(text, error)
    return { ok: false, line: lineAt(problem.offset), message: problem.message }
  }
  return {
    ok: true,
    value: getNodeValue(tree),
    lineOf: (path) => lineAt(jsonOffsetOf(tree, path))
  }
}

/** Where the key at `path` is written (its name, for an object's property), or its nearest ancestor. */
function jsonOffsetOf(tree: JsonNode, path: KeyPath): number {
  let node = tree
  let offset = tree.offset
  for (const step of path) {
    if (node.type === 'object') {
      const property = node.children?.find((child) => child.children?.[0].value === String(step))
      if (!property?.children?.[1]) break
      offset = property.offset
      node = property.children[1]
    } else if (node.type === 'array' && typeof step === 'number' && node.children?.[step]) {
      node = node.children[step]
      offset = node.offset
    } else break
  }
  return offset
}

/** jsonc-parser's error codes in words; the first error is the one reported. */
const JSON_EXPECTED: Readonly<Record<string, string>> = {
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the property name',
  CommaExpected: 'expected a comma between items',
  CloseBraceExpected: 'expected a closing }',
  CloseBracketExpected: 'expected a closing ]',
  EndOfFileExpected: 'expected the end of the file after the JSON',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidEscapeCharacter: 'a backslash escape JSON does not know',
  InvalidUnicode: 'a \\u escape that is not four hex digits',
  InvalidCharacter: 'a control character inside a string',
  InvalidNumberFormat: 'a number JSON cannot read'
}

/** What is wrong, and where: a trailing comma is shown where the comma is, not where the bracket is. */
function jsonProblem(text: string, error: JsonParseError): { offset: number; message: string } {
  const { offset } = error
  const found = text.slice(offset, offset + Math.max(error.length, 1))
  const before = text.slice(0, offset).trimEnd()
  if ((found === '}' || found === ']') && before.endsWith(',')) {
    return { offset: before.length - 1, message: `Not valid JSON: a comma before "${found}" (JSON allows none after the last item).` }
  }
  if (found.startsWith('/')) return { offset, message: 'Not valid JSON: JSON has no comments (a YAML file may have them).' }
  if (offset >= text.trimEnd().length) return { offset, message: 'Not valid JSON: the file ends before the JSON does.' }
  const shown = JSON.stringify(found.length > 20 ? `${found.slice(0, 20)}…` : found)
  const code = printParseErrorCode(error.error)
  if (code === 'InvalidSymbol') return { offset, message: `Not valid JSON: ${shown} is not a value; JSON puts names and text in double quotes.` }
  return { offset, message: `Not valid JSON: ${JSON_EXPECTED[code] ?? 'a symbol out of place'}, at ${shown}.` }
}
