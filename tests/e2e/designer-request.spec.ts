import type { Locator } from '@playwright/test'
import { expect, test } from '../support/app-harness'
import { SELF_SIGNED } from '../support/self-signed'
import { recordRequests, type RecordedRequest } from '../support/target-server'

/** The headers a request arrived with, as [name, value] pairs in order (Node lower-cases nothing in rawHeaders). */
function headerPairs(request: RecordedRequest): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  for (let at = 0; at < request.rawHeaders.length; at += 2) pairs.push([request.rawHeaders[at], request.rawHeaders[at + 1]])
  return pairs
}

/** Our headers only: those the HTTP client adds to every request (Host, Connection, Content-Length) are left out. */
function sentHeaders(request: RecordedRequest): Array<[string, string]> {
  return headerPairs(request).filter(([name]) => !['host', 'connection', 'content-length'].includes(name.toLowerCase()))
}

/** What a paste delivers: a paste event carrying the clipboard's text (tests compile without DOM types). */
async function pasteInto(field: Locator, text: string): Promise<void> {
  await field.evaluate((input, pasted) => {
    const page = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, data: string): void }
      ClipboardEvent: new (type: string, init: object) => object
    }
    const clipboardData = new page.DataTransfer()
    clipboardData.setData('text/plain', pasted)
    const paste = new page.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true })
    ;(input as unknown as { dispatchEvent(event: object): boolean }).dispatchEvent(paste)
  }, text)
}

test('a POST built in the form, with query rows, headers and a JSON body, arrives exactly so', async ({ app }) => {
  const { respond, requests } = recordRequests()
  const server = await app.startTarget(respond)
  const { designer } = app.ui
  await app.fillPlan(`${server.url}orders`, 3, 1)

  await designer.requestToggle.click()
  await expect(designer.requestToggle).toHaveAttribute('aria-expanded', 'true')
  await designer.method.selectOption('POST')
  await designer.addParameter.click()
  await expect(designer.parameterName(1)).toBeFocused()
  await app.page.keyboard.type('note')
  await designer.parameterValue(1).fill('a b&c')
  await expect(app.ui.url).toHaveValue(`${server.url}orders?note=a+b%26c`)

  await designer.addHeader.click()
  await expect(designer.headerName(1)).toBeFocused()
  await app.page.keyboard.type('X-Request-Id')
  await designer.headerValue(1).fill('7f3c-01')
  await designer.addHeader.click()
  await designer.headerName(2).fill('X-Left-Out')
  await designer.headerValue(2).fill('1')
  await designer.headerSend(2).uncheck()
  await designer.addHeader.click()
  await designer.headerName(3).fill('Accept')
  await designer.headerValue(3).fill('application/json')

  const body = '{"sku": "A-1", "quantity": 2, "note": "Grüße"}'
  await designer.bodyKind('JSON').check()
  await designer.bodyContent.fill(body)
  await expect(app.ui.designer.requestToggle).toContainText('POST · 2 headers · JSON body')
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('3 / 3')
  await expect(app.ui.submit).toBeEnabled()

  expect(requests).toHaveLength(3)
  for (const request of requests) {
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/orders?note=a+b%26c')
    expect(sentHeaders(request)).toEqual([
      ['X-Request-Id', '7f3c-01'],
      ['Accept', 'application/json'],
      ['Content-Type', 'application/json']
    ])
    expect(request.body).toBe(body)
  }
  expect(server.received).toBe(3)
})

test('a cURL command pasted into the URL field fills the request, and the server receives what curl would send', async ({
  app
}) => {
  const { respond, requests } = recordRequests()
  const server = await app.startTarget(respond)
  const command = [
    `curl '${server.url}api/items?page=2' \\`,
    `  -X PUT -u 'ann:s3cret' \\`,
    `  -H 'X-Trace: on' -H 'Content-Type: application/json' \\`,
    `  --data-raw $'{"name":"it\\'s"}' --compressed -L`
  ].join('\n')
  await app.ui.url.focus()
  await pasteInto(app.ui.url, command)

  await expect(app.ui.url).toHaveValue(`${server.url}api/items?page=2`)
  await expect(app.ui.designer.requestToggle).toHaveAttribute('aria-expanded', 'true')
  await expect(app.ui.designer.method).toHaveValue('PUT')
  await expect(app.ui.designer.bodyKind('JSON')).toBeChecked()
  await expect(app.ui.designer.curlLeftOut).toContainText('-L')
  await expect(app.ui.designer.curlLeftOut).toContainText('does not follow redirects')

  await app.ui.requests.fill('2')
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('2 / 2')
  expect(requests).toHaveLength(2)
  const [request] = requests
  expect(request.method).toBe('PUT')
  expect(request.url).toBe('/api/items?page=2')
  expect(sentHeaders(request)).toEqual([
    ['Authorization', `Basic ${Buffer.from('ann:s3cret').toString('base64')}`],
    ['X-Trace', 'on'],
    ['Content-Type', 'application/json'],
    ['Accept-Encoding', 'deflate, gzip, br, zstd']
  ])
  expect(request.body).toBe(`{"name":"it's"}`)
})

test('Import cURL lists what it could not carry over, and a command it cannot read changes nothing', async ({ app }) => {
  const { designer } = app.ui
  await app.ui.url.fill('http://127.0.0.1:1/kept')
  await designer.importCurl.click()
  await expect(designer.curlCommand).toBeFocused()
  await designer.curlCommand.fill(`curl 'http://127.0.0.1:1/x`)
  await designer.curlImport.click()
  await expect(app.page.getByText('Not a command Stampede can read: a quote is never closed.')).toBeVisible()
  await expect(app.ui.url).toHaveValue('http://127.0.0.1:1/kept')

  await designer.curlCommand.fill(`curl -sS -F 'f=@a.png' -o out.json http://127.0.0.1:1/upload`)
  await designer.curlImport.click()
  await expect(designer.curlCommand).toBeHidden()
  await expect(app.ui.url).toHaveValue('http://127.0.0.1:1/upload')
  const leftOut = designer.curlLeftOut.getByRole('listitem')
  await expect(leftOut).toHaveText([
    /^-s it changes only what curl prints/,
    /^-S it changes only what curl prints/,
    /^-F f=@a.png multipart form bodies are not supported/,
    /^-o out.json it changes only what curl prints/
  ])
})

test('a self-signed HTTPS target fails every request as TLS until insecure TLS is allowed, in plain sight', async ({ app }) => {
  const server = await app.startTarget(undefined, { tls: SELF_SIGNED })
  const { designer } = app.ui
  await app.fillPlan(server.url, 6, 2)
  await app.ui.submit.click()
  await expect(app.ui.progressPanel).toContainText('6 / 6')
  await expect(app.ui.stat('Failed')).toHaveText('6')
  await expect(app.page.getByRole('row', { name: /TLS/ })).toBeVisible()
  expect(server.received).toBe(0)

  await designer.requestToggle.click()
  await designer.insecure.check()
  await expect(designer.insecure).toHaveAccessibleDescription(/nothing proves who answers/)
  await designer.requestToggle.click()
  await expect(designer.requestToggle).toContainText('insecure TLS')
  await app.ui.submit.click()
  await expect(app.ui.stat('2xx–3xx')).toHaveText('6')
  expect(server.received).toBe(6)
})

test('curl -k allows insecure TLS in the form', async ({ app }) => {
  const { designer } = app.ui
  await designer.importCurl.click()
  await designer.curlCommand.fill('curl -k https://127.0.0.1:8443/')
  await designer.curlImport.click()
  await expect(designer.insecure).toBeChecked()
  await expect(designer.requestToggle).toContainText('GET · insecure TLS')
})
