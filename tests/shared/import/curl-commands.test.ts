import { describe, expect, test } from 'vitest'
import { buildImport } from '../../../src/shared/import/build-import'
import { readCurlCommands } from '../../../src/shared/import/curl-commands'

/** Chrome's "Copy all as cURL (bash)": commands joined by ` ;` and a line break. */
const BASH = `curl 'https://shop.example/login' \\
  -H 'accept: text/html' \\
  -H 'user-agent: Mozilla/5.0' \\
  -H 'sec-fetch-mode: navigate' ;
curl 'https://shop.example/api/login' \\
  -H 'content-type: application/json' \\
  -b 'sid=abc123456789' \\
  --data-raw $'{"user":"alice","note":"it\\'s me"}' ;
curl 'https://shop.example/static/app.js' ;
curl 'https://shop.example/api/items?q=a;b' -H 'Authorization: Bearer tok-1234567890'`

/** The same as "Copy all as cURL (cmd)": ^" quoting, ^ line ends, commands joined by ` &`. */
const CMD = [
  'curl ^"https://shop.example/login^" ^',
  '  -H ^"accept: text/html^" ^',
  '  -H ^"user-agent: Mozilla/5.0^" &',
  'curl ^"https://shop.example/api/login^" ^',
  '  -H ^"content-type: application/json^" ^',
  '  --data-raw ^"^{^\\^"user^\\^":^\\^"alice^\\^",^\\^"note^\\^":^\\^"a ^& b^\\^"^}^" &',
  'curl ^"https://shop.example/api/items?q=50^%^25^" -H ^"Authorization: Bearer tok-1234567890^"'
].join('\r\n')

describe.each([
  ['bash', BASH],
  ['cmd', CMD]
])('cURL commands pasted at once (%s)', (flavour, text) => {
  test('one step each, in order, with method, URL, headers and body; the static asset dropped', () => {
    const read = readCurlCommands(text)
    if (!read.ok) throw new Error(read.message)
    const { flow, findings } = buildImport(read.recording)
    expect(flow.steps.map((step) => `${step.method} ${step.url}`)).toEqual([
      'GET {{host}}/login',
      'POST {{host}}/api/login',
      flavour === 'bash' ? 'GET {{host}}/api/items?q=a;b' : 'GET {{host}}/api/items?q=50%25'
    ])
    expect(flow.steps[0].headers).toEqual([['accept', 'text/html']])
    expect(flow.steps[1].body).toBe(flavour === 'bash' ? `{"user":"alice","note":"it's me"}` : '{"user":"alice","note":"a & b"}')
    expect(flow.steps[2].headers).toEqual([['Authorization', 'Bearer tok-1234567890']])
    if (flavour === 'bash') expect(findings.dropped).toEqual([{ method: 'GET', url: 'https://shop.example/static/app.js', reason: 'static' }])
    expect(findings.secrets).toContainEqual({ step: 2, kind: 'authorization', where: 'header Authorization', staysInFile: true })
  })
})

describe('what a paste cannot be', () => {
  test('a command that cannot be read refuses the whole paste, naming it', () => {
    expect(readCurlCommands("curl 'https://a.example/' ;\ncurl 'https://b.example/")).toEqual({ ok: false, message: 'Command 2: Not a command Stampede can read: a quote is never closed.' })
    expect(readCurlCommands("curl 'https://a.example/' ; wget x")).toEqual({ ok: false, message: 'Command 2: A cURL command starts with "curl".' })
  })

  test('flags a flow cannot carry per step are listed, not dropped in silence', () => {
    const read = readCurlCommands("curl -k -L 'https://a.example/x1'")
    if (!read.ok) throw new Error(read.message)
    expect(read.notConverted.map((item) => item.text)).toEqual(['-L', '-k'])
  })
})
