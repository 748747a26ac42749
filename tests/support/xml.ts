import { createRequire } from 'node:module'

/**
 * A strict XML reader for tests of the files CI tools read (JUnit): sax in strict mode, which
 * refuses what is not well-formed, plus the check sax leaves out, of characters XML 1.0 cannot hold.
 * sax comes with the packaging tools (a dependency of plist) and has no types: the little used is typed here.
 */
interface SaxParser {
  onerror: (error: Error) => void
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void
  onclosetag: () => void
  ontext: (text: string) => void
  write(text: string): SaxParser
  close(): void
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser }

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what XML 1.0 cannot hold.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** The document's root element; throws on the first thing a strict reader would refuse. */
export function parseXml(text: string): XmlElement {
  if (NOT_XML.test(text)) throw new Error(`a character XML cannot hold, at ${text.search(NOT_XML)}`)
  const parser = sax.parser(true)
  const root: XmlElement = { name: '', attributes: {}, children: [], text: '' }
  const open: XmlElement[] = [root]
  parser.onerror = (error) => {
    throw error
  }
  parser.onopentag = ({ name, attributes }) => {
    const element: XmlElement = { name, attributes, children: [], text: '' }
    open[open.length - 1].children.push(element)
    open.push(element)
  }
  parser.onclosetag = () => {
    open.pop()
  }
  parser.ontext = (chunk) => {
    open[open.length - 1].text += chunk
  }
  parser.write(text).close()
  if (root.children.length !== 1) throw new Error(`expected one root element, found ${root.children.length}`)
  return root.children[0]
}
