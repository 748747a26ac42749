import { readCurlCommand } from '../curl-command'
import type { NotConverted } from './imported-test'
import type { RecordedExchange, Recording } from './recording'

/**
 * Several cURL commands pasted at once, as a browser's "Copy all as cURL" gives them: bash's
 * (commands joined by ` ;` and line breaks) or cmd.exe's (`^"` quoting, joined by ` &`). Each is
 * read by the one reader of a command (../curl-command.ts) and becomes an exchange without a
 * response; a command it cannot read refuses the whole paste, naming the command.
 */
export type CurlCommandsReading =
  | { ok: true; recording: Recording; notConverted: NotConverted[] }
  | { ok: false; message: string }

export function readCurlCommands(text: string): CurlCommandsReading {
  const commands = isCmdQuoting(text) ? splitCmd(text).map(bashCommandOf) : splitBash(text)
  if (commands.length === 0) return { ok: false, message: 'There is no cURL command here: each starts with "curl".' }
  const exchanges: RecordedExchange[] = []
  const notConverted: NotConverted[] = []
  for (const [index, command] of commands.entries()) {
    const reading = readCurlCommand(command)
    const which = commands.length === 1 ? 'The command' : `Command ${index + 1}`
    if (!reading.ok) return { ok: false, message: `${which}: ${reading.message}` }
    const { request } = reading
    exchanges.push({ request: { method: request.method, url: request.url, headers: request.headers, body: request.body } })
    const where = `${request.method} ${request.url}`
    for (const unmapped of reading.unmapped) notConverted.push({ where, text: unmapped.argument, reason: unmapped.reason })
    if (request.insecure) notConverted.push({ where, text: '-k', reason: "a flow's steps share the test's TLS setting: set insecure on the test." })
    if (request.protocol) notConverted.push({ where, text: request.protocol, reason: "a flow's steps share the test's protocol: set it on the test." })
    if (request.timeoutMs !== undefined) notConverted.push({ where, text: `--max-time`, reason: "a flow's steps share the test's timeout: set it on the test." })
  }
  return { ok: true, recording: { title: 'Pasted cURL commands', exchanges }, notConverted }
}

/** Whether a text is one or more commands: what the import's format detection asks. */
export function looksLikeCurl(text: string): boolean {
  return /^\s*curl(\.exe)?\s/i.test(text.replace(/^\uFEFF/, ''))
}

const isCmdQuoting = (text: string): boolean => /\^"|\^\r?\n/.test(text)

/**
 * Splits at a `;`, `&&`, `&` or line break outside quotes (a line ending in `\` continues), the way
 * bash would end a command; `#` at a command's start is a comment.
 */
function splitBash(text: string): string[] {
  const commands: string[] = []
  let current = ''
  let quote: "'" | "$'" | '"' | undefined
  const end = (): void => {
    const command = current.trim()
    if (command !== '' && !command.startsWith('#')) commands.push(command)
    current = ''
  }
  for (let at = 0; at < text.length; at++) {
    const char = text[at]
    if (quote === "'" || quote === "$'") {
      // $'…' lets a backslash escape the quote; plain '…' does not.
      if (char === '\\' && quote === "$'" && at + 1 < text.length) {
        current += char + text[++at]
        continue
      }
      if (char === "'") quote = undefined
      current += char
    } else if (quote === '"') {
      if (char === '\\' && at + 1 < text.length) current += char + text[++at]
      else {
        if (char === '"') quote = undefined
        current += char
      }
    } else if (char === '\\' && at + 1 < text.length) {
      current += char + text[++at]
    } else if (char === "'" || char === '"') {
      quote = char === "'" && current.endsWith('$') ? "$'" : char
      current += char
    } else if (char === ';' || char === '\n' || char === '&' || char === '|') {
      end()
    } else {
      current += char
    }
  }
  end()
  return commands
}

/**
 * cmd.exe's commands, each as its list of words, undone in cmd's two layers as Chrome writes them:
 * first cmd's carets (`^X` is X; a caret before a line break continues the line, and inside quotes
 * `^` and two line breaks are one line break), then the C runtime's quoting (`"` opens and closes,
 * `\"` is a quote, `\\` a backslash). An `&` that no caret escapes ends a command.
 */
function splitCmd(text: string): string[][] {
  const chars: Array<{ char: string; escaped: boolean }> = []
  const source = text.replace(/\r\n/g, '\n')
  for (let at = 0; at < source.length; at++) {
    if (source[at] === '^' && at + 1 < source.length) chars.push({ char: source[++at], escaped: true })
    else chars.push({ char: source[at], escaped: false })
  }
  const commands: string[][] = []
  let words: string[] = []
  let word: string | undefined
  let quoted = false
  const add = (char: string): void => {
    word = (word ?? '') + char
  }
  const endWord = (): void => {
    if (word !== undefined) words.push(word)
    word = undefined
  }
  const endCommand = (): void => {
    endWord()
    if (words.length > 0) commands.push(words)
    words = []
  }
  for (let at = 0; at < chars.length; at++) {
    const { char, escaped } = chars[at]
    const next = chars[at + 1]
    if (char === '\n' && escaped) {
      if (quoted && next?.char === '\n') {
        add('\n')
        at++
      } else if (!quoted) endWord()
    } else if (char === '\\' && quoted && (next?.char === '"' || next?.char === '\\')) {
      add(next.char)
      at++
    } else if (char === '"') {
      quoted = !quoted
      word = word ?? ''
    } else if (!quoted && (char === ' ' || char === '\t')) {
      endWord()
    } else if (!quoted && !escaped && (char === '&' || char === '\n')) {
      endCommand()
    } else {
      add(char)
    }
  }
  endCommand()
  return commands
}

/** Words in bash's single quotes, for the one reader of a command. */
function bashCommandOf(words: string[]): string {
  return words.map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ')
}
