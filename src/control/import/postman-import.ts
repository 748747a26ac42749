import { Collection, Item, ItemGroup, type RequestAuth, type RequestBody } from 'postman-collection'
import type { StepDefinition } from '../../shared/flow/flow-definition'
import { emptyFindings, type ImportedTest, type NotConverted } from '../../shared/import/imported-test'
import { translateTestScript } from '../../shared/import/postman-scripts'
import { secretsOf } from '../../shared/import/secrets'
import { TEST_NAME_MAX_LENGTH } from '../../shared/test-name'

/**
 * A Postman collection (v2.0 or v2.1) and, when given, an environment, read with Postman's own
 * library (postman-collection knows both versions' shapes and how auth is inherited) into a test.
 * Here in src/control because the library needs Node's modules. Scripts are never executed: their
 * common lines are translated (../../shared/import/postman-scripts.ts), every other line listed.
 *
 * Variables follow Postman's scopes, the narrowest winning: a folder's over the environment's over
 * the collection's. A folder's variable is written into its own requests' steps; the others
 * become the test's variables.
 */
export type PostmanReading = { ok: true; imported: ImportedTest } | { ok: false; message: string }

export interface PostmanSource {
  text: string
  /** As the user knows it, for messages. */
  fileName: string
}

type Scope = Map<string, string>

export function isPostmanCollection(document: unknown): boolean {
  const schema = (document as { info?: { schema?: unknown } } | null)?.info?.schema
  return typeof schema === 'string' && /getpostman\.com\/json\/collection/i.test(schema)
}

export function importPostman(collection: PostmanSource, environment?: PostmanSource): PostmanReading {
  const raw = parseJson(collection)
  if (!raw.ok) return raw
  const document = raw.value as { info?: { name?: unknown; schema?: string }; item?: unknown }
  if (!isPostmanCollection(document)) {
    return { ok: false, message: `${collection.fileName}: not a Postman collection (its info.schema does not name one).` }
  }
  if (!/collection\/v2\.[01]\.0/.test(document.info?.schema ?? '')) {
    return { ok: false, message: `${collection.fileName}: only Postman collections v2.0 and v2.1 are read; export it from Postman as v2.1.` }
  }
  let environmentScope: Scope = new Map()
  if (environment) {
    const read = readEnvironment(environment)
    if (!read.ok) return read
    environmentScope = read.scope
  }

  let parsed: Collection
  try {
    parsed = new Collection(document as never)
  } catch (error) {
    return { ok: false, message: `${collection.fileName}: the collection cannot be read: ${(error as Error).message}` }
  }
  const findings = emptyFindings()
  const collectionScope: Scope = new Map(
    parsed.variables
      .all()
      .filter((variable) => !variable.disabled && typeof variable.key === 'string')
      .map((variable) => [variable.key as string, String(variable.value ?? '')])
  )
  const variables = new Map([...collectionScope, ...environmentScope])
  const steps: StepDefinition[] = []
  const collectionName = typeof document.info?.name === 'string' && document.info.name.trim() !== '' ? document.info.name.trim() : 'Postman collection'
  listScripts(parsed, `collection ${collectionName}`, findings.notConverted)

  const walk = (group: ItemGroup<Item> | Collection, rawItems: unknown, folderScope: Scope): void => {
    const rawList = Array.isArray(rawItems) ? rawItems : []
    group.items.all().forEach((member, index) => {
      const rawMember = rawList[index] as { variable?: unknown; item?: unknown } | undefined
      if (ItemGroup.isItemGroup(member)) {
        const folder = member as ItemGroup<Item>
        listScripts(folder, `folder ${folder.name}`, findings.notConverted)
        walk(folder, rawMember?.item, new Map([...folderScope, ...folderVariables(rawMember?.variable)]))
      } else {
        steps.push(stepOf(member as Item, folderScope, variables, findings.notConverted))
      }
    })
  }
  walk(parsed, (document as { item?: unknown }).item, new Map())
  if (steps.length === 0) return { ok: false, message: `${collection.fileName}: the collection has no requests.` }

  const flowVariables = definedVariables(steps, variables, findings.notConverted)
  findings.secrets = [
    ...[...flowVariables]
      .filter(([name, value]) => value !== '' && /pass|secret|token|api[-_]?key|apikey/i.test(name))
      .map(([name]) => ({ kind: /pass/i.test(name) ? ('password' as const) : /key/i.test(name) ? ('apiKey' as const) : ('token' as const), where: `variable ${name}`, staysInFile: true })),
    ...secretsOf(steps)
  ]
  return {
    ok: true,
    imported: { name: collectionName.slice(0, TEST_NAME_MAX_LENGTH), flow: { variables: flowVariables, steps }, findings }
  }
}

function stepOf(item: Item, folderScope: Scope, variables: Scope, notConverted: NotConverted[]): StepDefinition {
  const where = item.name
  const request = item.request
  const local = (text: string): string => withFolderValues(text, folderScope)
  const headers: StepDefinition['headers'] = request.headers
    .all()
    .filter((header) => !header.disabled)
    .map((header) => [header.key, local(String(header.value ?? ''))])
  let target = local(request.url.toString())
  if (target !== '' && !/^[a-z][a-z\d+.-]*:\/\//i.test(target) && !target.startsWith('{{')) target = `https://${target}`

  const auth = item.getAuth() as RequestAuth | undefined
  if (auth) {
    const applied = authHeader(auth, variables, folderScope)
    if (applied.kind === 'header') headers.push([applied.name, applied.value])
    else if (applied.kind === 'query') target += `${target.includes('?') ? '&' : '?'}${applied.name}=${applied.value}`
    else if (applied.kind === 'unsupported') notConverted.push({ where, text: `auth ${auth.type}`, reason: applied.reason })
  }

  const step: StepDefinition = { name: item.name, method: request.method.toUpperCase(), url: target, headers, captures: [], checks: [], thresholds: [] }
  const body = bodyOf(item, headers, notConverted)
  if (body !== undefined) step.body = local(body)

  for (const event of item.getEvents('prerequest')) {
    for (const line of scriptLines(event)) notConverted.push({ where, text: line, reason: 'pre-request scripts are not run.' })
  }
  for (const event of item.getEvents('test')) {
    const translation = translateTestScript(scriptLines(event))
    step.captures.push(...translation.captures)
    step.checks.push(...translation.checks)
    for (const line of translation.untranslated) notConverted.push({ where, text: line, reason: 'this script line is not translated.' })
  }
  return step
}

type AppliedAuth =
  | { kind: 'header' | 'query'; name: string; value: string }
  | { kind: 'none' }
  | { kind: 'unsupported'; reason: string }

/** Basic, bearer and API key as the headers (or query parameter) Postman would send. */
function authHeader(auth: RequestAuth, variables: Scope, folderScope: Scope): AppliedAuth {
  const parameters = auth.parameters()
  const get = (key: string): string => withFolderValues(String(parameters?.get(key) ?? ''), folderScope)
  switch (auth.type) {
    case 'noauth':
      return { kind: 'none' }
    case 'bearer':
      return { kind: 'header', name: 'Authorization', value: `Bearer ${get('token')}` }
    case 'apikey': {
      const name = get('key') || 'x-api-key'
      return get('in') === 'query' ? { kind: 'query', name, value: get('value') } : { kind: 'header', name, value: get('value') }
    }
    case 'basic': {
      // Base64 is taken of the values themselves, so a {{variable}} in them must be known now.
      const credentials = `${resolve(get('username'), variables)}:${resolve(get('password'), variables)}`
      if (/\{\{[^}]+\}\}/.test(credentials)) {
        return { kind: 'unsupported', reason: 'basic auth with a variable no collection or environment value defines: give the Authorization header yourself.' }
      }
      return { kind: 'header', name: 'Authorization', value: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` }
    }
    default:
      return { kind: 'unsupported', reason: `${auth.type} auth is not converted: basic, bearer and API key are.` }
  }
}

function bodyOf(item: Item, headers: StepDefinition['headers'], notConverted: NotConverted[]): string | undefined {
  // The typings leave out what the library keeps: disabled, options (raw's language) and graphql.
  const body = item.request.body as (RequestBody & { disabled?: boolean; options?: unknown; graphql?: unknown }) | undefined
  if (!body || body.disabled || !body.mode) return undefined
  const hasType = headers.some(([name]) => name.toLowerCase() === 'content-type')
  const setType = (type: string): void => {
    if (!hasType) headers.push(['Content-Type', type])
  }
  switch (body.mode) {
    case 'raw': {
      const language = (body.options as { raw?: { language?: string } } | undefined)?.raw?.language
      if (language === 'json') setType('application/json')
      else if (language === 'xml') setType('application/xml')
      return body.raw === '' ? undefined : body.raw
    }
    case 'urlencoded': {
      setType('application/x-www-form-urlencoded')
      const pairs = (body.urlencoded?.all() ?? []).filter((pair) => !pair.disabled)
      return pairs.map((pair) => `${encodeOutsideTemplates(pair.key ?? '')}=${encodeOutsideTemplates(String(pair.value ?? ''))}`).join('&')
    }
    case 'formdata': {
      const fields = (body.formdata?.all() ?? []).filter((field) => !field.disabled)
      const boundary = 'stampede-form-boundary'
      const parts: string[] = []
      for (const field of fields as Array<{ key: string; value?: unknown; type?: string; src?: unknown }>) {
        if (field.type === 'file') {
          notConverted.push({ where: item.name, text: `form-data ${field.key}: file ${String(field.src ?? '')}`, reason: 'files in form-data bodies are not sent.' })
          continue
        }
        parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${field.key}"\r\n\r\n${String(field.value ?? '')}\r\n`)
      }
      if (parts.length === 0) return undefined
      setType(`multipart/form-data; boundary=${boundary}`)
      return `${parts.join('')}--${boundary}--\r\n`
    }
    case 'graphql': {
      setType('application/json')
      const graphql = body.graphql as { query?: string; variables?: string } | undefined
      let graphqlVariables: unknown
      try {
        graphqlVariables = graphql?.variables ? JSON.parse(graphql.variables) : undefined
      } catch {
        notConverted.push({ where: item.name, text: 'graphql variables', reason: 'they are not JSON.' })
      }
      return JSON.stringify({ query: graphql?.query ?? '', variables: graphqlVariables })
    }
    default:
      notConverted.push({ where: item.name, text: `body mode ${body.mode}`, reason: 'a file body is not sent; raw, urlencoded, form-data text fields and GraphQL are.' })
      return undefined
  }
}

/** Percent-encodes a form's text but leaves {{variables}} whole, for the run to fill in. */
function encodeOutsideTemplates(text: string): string {
  return text
    .split(/(\{\{[^}]+\}\})/)
    .map((part) => (/^\{\{[^}]+\}\}$/.test(part) ? part : encodeURIComponent(part)))
    .join('')
}

/** The lines of a script event, whatever form the collection writes them in. */
function scriptLines(event: { script?: { exec?: string[] | string } }): string[] {
  const exec = event.script?.exec ?? []
  return (Array.isArray(exec) ? exec : [exec]).flatMap((line) => line.split(/\r?\n/))
}

/** Scripts on a folder or the collection run for each of its requests in Postman: none is run here. */
function listScripts(owner: { events?: { all(): unknown[] } }, where: string, notConverted: NotConverted[]): void {
  for (const event of (owner.events?.all() ?? []) as Array<{ listen?: string; script?: { exec?: string[] } }>) {
    for (const line of scriptLines(event)) {
      if (line.trim() !== '' && !line.trim().startsWith('//')) {
        notConverted.push({ where, text: line.trim(), reason: `${event.listen ?? 'a'} script of a folder or the collection is not run.` })
      }
    }
  }
}

function folderVariables(raw: unknown): Scope {
  if (!Array.isArray(raw)) return new Map()
  return new Map(
    raw
      .filter((each): each is { key: string; value?: unknown; disabled?: boolean } => typeof each?.key === 'string' && each.disabled !== true)
      .map((each) => [each.key, String(each.value ?? '')])
  )
}

function withFolderValues(text: string, folderScope: Scope): string {
  if (folderScope.size === 0) return text
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => folderScope.get(name) ?? whole)
}

function resolve(text: string, variables: Scope): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => variables.get(name) ?? whole)
}

/**
 * The variables the steps use, with their values: those a script's capture sets are left to the
 * capture; one nothing defines is listed and given an empty value, so the test file still reads.
 */
function definedVariables(steps: StepDefinition[], variables: Scope, notConverted: NotConverted[]): Array<[string, string]> {
  const used = new Map<string, string>()
  const captured = new Set<string>()
  for (const step of steps) {
    const texts = [step.url, ...step.headers.flat(), step.body ?? '']
    for (const text of texts) {
      for (const match of text.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/g)) {
        const name = match[1]
        if (name.startsWith('$') || captured.has(name) || used.has(name)) continue
        const value = variables.get(name)
        if (value === undefined) notConverted.push({ where: step.name ?? step.url, text: `{{${name}}}`, reason: 'no variable of the collection or environment, nor a translated script, sets it: it is empty until you give it a value.' })
        used.set(name, value ?? '')
      }
    }
    for (const capture of step.captures) captured.add(capture.variable)
  }
  return [...used]
}

function readEnvironment(source: PostmanSource): { ok: true; scope: Scope } | { ok: false; message: string } {
  const raw = parseJson(source)
  if (!raw.ok) return raw
  const values = (raw.value as { values?: unknown } | null)?.values
  if (!Array.isArray(values)) return { ok: false, message: `${source.fileName}: not a Postman environment (it has no values list).` }
  return {
    ok: true,
    scope: new Map(
      values
        .filter((each): each is { key: string; value?: unknown; enabled?: boolean } => typeof each?.key === 'string' && each.enabled !== false)
        .map((each) => [each.key, String(each.value ?? '')])
    )
  }
}

function parseJson(source: PostmanSource): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(source.text.replace(/^\uFEFF/, '')) }
  } catch (error) {
    return { ok: false, message: `${source.fileName}: not JSON: ${(error as Error).message}` }
  }
}
