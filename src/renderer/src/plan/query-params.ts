/**
 * The URL's query string as a table of rows, and back. The URL's text is the one truth: the rows are
 * read from it on every edit, and editing a row writes the URL anew, so the two never disagree.
 *
 * Each name and value is encoded and decoded by URLSearchParams (the WHATWG form encoding servers
 * read), one pair at a time, so a row still being typed (empty, or a name without a value) keeps
 * its place instead of vanishing as URLSearchParams' whole-string parse would make it.
 */
export interface QueryParam {
  name: string
  value: string
}

interface UrlParts {
  /** Everything before the "?" (or the whole URL when it has none). */
  base: string
  /** Undefined when the URL has no "?". */
  query: string | undefined
  /** "#…" or "". */
  fragment: string
}

function splitUrl(url: string): UrlParts {
  const hashAt = url.indexOf('#')
  const beforeFragment = hashAt === -1 ? url : url.slice(0, hashAt)
  const fragment = hashAt === -1 ? '' : url.slice(hashAt)
  const questionAt = beforeFragment.indexOf('?')
  if (questionAt === -1) return { base: beforeFragment, query: undefined, fragment }
  return { base: beforeFragment.slice(0, questionAt), query: beforeFragment.slice(questionAt + 1), fragment }
}

/** The rows of the URL's query, in order, one per "&"-separated pair. */
export function queryParamsOf(url: string): QueryParam[] {
  const { query } = splitUrl(url)
  if (query === undefined) return []
  return query.split('&').map(decodePair)
}

/** The URL with its query written from `params`; no "?" when there are none. */
export function withQueryParams(url: string, params: readonly QueryParam[]): string {
  const { base, fragment } = splitUrl(url)
  if (params.length === 0) return base + fragment
  return `${base}?${params.map(encodePair).join('&')}${fragment}`
}

function decodePair(pair: string): QueryParam {
  // The "&" keeps URLSearchParams from dropping a leading "?" of the pair; "" parses to no entry.
  const [entry] = new URLSearchParams(`&${pair}`)
  if (!entry) return { name: '', value: '' }
  return { name: entry[0], value: entry[1] }
}

function encodePair({ name, value }: QueryParam): string {
  if (name === '' && value === '') return ''
  return new URLSearchParams([[name, value]]).toString()
}
