import { describe, expect, it } from 'vitest'
import { readCurlCommand, type CurlRequest, type UnmappedArgument } from '../../src/shared/curl-command'

// Real-world commands, as browsers' "Copy as cURL", API docs and shell histories write them, and
// the request curl itself would send for each (checked against curl 8's documented behaviour).
const COMMANDS: Array<{ name: string; command: string; request: CurlRequest; unmapped?: UnmappedArgument[] }> = [
  {
    name: 'a bare URL is a GET',
    command: 'curl https://api.example.test/health',
    request: { url: 'https://api.example.test/health', method: 'GET', headers: [], insecure: false }
  },
  {
    name: 'a URL without a scheme is http://, as curl reads it',
    command: 'curl localhost:8080/ping',
    request: { url: 'http://localhost:8080/ping', method: 'GET', headers: [], insecure: false }
  },
  {
    name: "Chrome's Copy as cURL (bash): single quotes, repeated -H, --data-raw, --compressed",
    command: [
      "curl 'https://shop.example.test/api/cart?session=abc&lang=en' \\",
      "  -H 'accept: application/json' \\",
      "  -H 'content-type: application/json' \\",
      "  -H 'x-request-id: 7f3c' \\",
      '  --data-raw \'{"sku":"A-1","qty":2}\' \\',
      '  --compressed'
    ].join('\n'),
    request: {
      url: 'https://shop.example.test/api/cart?session=abc&lang=en',
      method: 'POST',
      headers: [
        ['accept', 'application/json'],
        ['content-type', 'application/json'],
        ['x-request-id', '7f3c'],
        ['Accept-Encoding', 'deflate, gzip, br, zstd']
      ],
      body: '{"sku":"A-1","qty":2}',
      insecure: false
    }
  },
  {
    name: "Bash's $'…' string, which Chrome uses for a body with a line break or a quote",
    command: "curl 'http://127.0.0.1:8080/notes' -H 'Content-Type: text/plain' --data-raw $'line one\\nit\\'s line two'",
    request: {
      url: 'http://127.0.0.1:8080/notes',
      method: 'POST',
      headers: [['Content-Type', 'text/plain']],
      body: "line one\nit's line two",
      insecure: false
    }
  },
  {
    name: 'Windows line ends in a continued command',
    command: 'curl http://127.0.0.1/ \\\r\n  -H "X-A: 1"',
    request: { url: 'http://127.0.0.1/', method: 'GET', headers: [['X-A', '1']], insecure: false }
  },
  {
    name: 'double quotes with escaped quotes inside, and -X PUT',
    command: 'curl -X PUT "http://127.0.0.1/items/1" -H "Content-Type: application/json" -d "{\\"name\\": \\"a b\\"}"',
    request: {
      url: 'http://127.0.0.1/items/1',
      method: 'PUT',
      headers: [['Content-Type', 'application/json']],
      body: '{"name": "a b"}',
      insecure: false
    }
  },
  {
    name: '-d without a Content-Type sends a form, as curl does; several -d are joined with &',
    command: 'curl http://127.0.0.1/login -d user=ann -d "pass=s3cret"',
    request: {
      url: 'http://127.0.0.1/login',
      method: 'POST',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'user=ann&pass=s3cret',
      insecure: false
    }
  },
  {
    name: '--data-urlencode encodes the content, not the name',
    command: "curl http://127.0.0.1/search --data-urlencode 'q=a b&c' --data-urlencode '=x/y'",
    request: {
      url: 'http://127.0.0.1/search',
      method: 'POST',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'q=a%20b%26c&x%2Fy',
      insecure: false
    }
  },
  {
    name: '-G puts the data in the query string of a GET',
    command: 'curl -G http://127.0.0.1/find?x=1 -d limit=20',
    request: { url: 'http://127.0.0.1/find?x=1&limit=20', method: 'GET', headers: [], insecure: false }
  },
  {
    name: '--json sets JSON content type and accept',
    command: `curl --json '{"a":1}' https://127.0.0.1/api`,
    request: {
      url: 'https://127.0.0.1/api',
      method: 'POST',
      headers: [
        ['Content-Type', 'application/json'],
        ['Accept', 'application/json']
      ],
      body: '{"a":1}',
      insecure: false
    }
  },
  {
    name: '-u user:password becomes Basic authorization, -k allows insecure TLS',
    command: 'curl -k -u admin:pa:ss https://127.0.0.1:8443/admin',
    request: {
      url: 'https://127.0.0.1:8443/admin',
      method: 'GET',
      headers: [['Authorization', `Basic ${Buffer.from('admin:pa:ss').toString('base64')}`]],
      insecure: true
    }
  },
  {
    name: 'clustered and attached short options: -XPOST, -sSk, -HName:value',
    command: 'curl -sSk -XPOST -HX-Trace:on https://127.0.0.1/',
    request: { url: 'https://127.0.0.1/', method: 'POST', headers: [['X-Trace', 'on']], insecure: true },
    unmapped: [
      { argument: '-s', reason: 'it changes only what curl prints, not the request.' },
      { argument: '-S', reason: 'it changes only what curl prints, not the request.' }
    ]
  },
  {
    name: 'user agent, referer, cookie, bearer token, and an empty header value',
    command:
      "curl http://127.0.0.1/ -A 'Bot/1.0' -e 'http://ref.test/;auto' -b 'a=1; b=2' --oauth2-bearer tok -H 'X-Empty;'",
    request: {
      url: 'http://127.0.0.1/',
      method: 'GET',
      headers: [
        ['User-Agent', 'Bot/1.0'],
        ['Referer', 'http://ref.test/'],
        ['Cookie', 'a=1; b=2'],
        ['Authorization', 'Bearer tok'],
        ['X-Empty', '']
      ],
      insecure: false
    }
  },
  {
    name: '-I is HEAD; -m is the timeout; --http2 asks for HTTP/2',
    command: 'curl -I -m 2.5 --http2 https://127.0.0.1/',
    request: { url: 'https://127.0.0.1/', method: 'HEAD', headers: [], insecure: false, protocol: 'h2', timeoutMs: 2500 }
  },
  {
    name: '--http2-prior-knowledge is h2c',
    command: 'curl --http2-prior-knowledge http://127.0.0.1/',
    request: { url: 'http://127.0.0.1/', method: 'GET', headers: [], insecure: false, protocol: 'h2c' }
  },
  {
    name: 'what cannot be carried over is listed with the reason, in order',
    command: "curl -L -o out.json -F 'file=@a.png' -d @body.json --proxy http://p:3128 --frobnicate http://127.0.0.1/ http://127.0.0.1/other",
    request: { url: 'http://127.0.0.1/', method: 'GET', headers: [], insecure: false },
    unmapped: [
      { argument: '-L', reason: 'Stampede does not follow redirects: a 3xx counts as a response.' },
      { argument: '-o out.json', reason: 'it changes only what curl prints, not the request.' },
      { argument: '-F file=@a.png', reason: 'multipart form bodies are not supported; send the body as text.' },
      { argument: '-d @body.json', reason: 'it reads the body from a file; paste the body instead.' },
      { argument: '--proxy http://p:3128', reason: 'Stampede connects to the target directly.' },
      { argument: '--frobnicate', reason: 'Stampede does not know this curl option.' },
      { argument: 'http://127.0.0.1/other', reason: 'Stampede tests one URL at a time; the first is used.' }
    ]
  },
  {
    name: '-H "Name:" (removing a curl header) and -u without a password are listed',
    command: "curl -H 'Accept:' -u bob http://127.0.0.1/",
    request: { url: 'http://127.0.0.1/', method: 'GET', headers: [], insecure: false },
    unmapped: [
      { argument: '-H Accept:', reason: "it removes a header of curl's own; Stampede adds none of those." },
      { argument: '-u bob', reason: 'curl would ask for the password; give it as -u user:password.' }
    ]
  },
  {
    name: 'a header that would break the connection is carried over, for the form to refuse where it shows',
    command: "curl -H 'Connection: close' http://127.0.0.1/",
    request: { url: 'http://127.0.0.1/', method: 'GET', headers: [['Connection', 'close']], insecure: false }
  }
]

describe('readCurlCommand', () => {
  it.each(COMMANDS)('$name', ({ command, request, unmapped = [] }) => {
    expect(readCurlCommand(command)).toEqual({ ok: true, request, unmapped })
  })

  it.each([
    ['an unclosed quote', "curl 'http://127.0.0.1/", 'Not a command Stampede can read: a quote is never closed.'],
    ['another program', 'wget http://127.0.0.1/', 'A cURL command starts with "curl".'],
    ['nothing', '   ', 'A cURL command starts with "curl".'],
    ['no URL', 'curl -X POST', 'The cURL command has no URL.'],
    ['cmd.exe quoting', 'curl ^"http://127.0.0.1/^" ^\n  -H ^"a: b^"', 'This is cmd.exe quoting: copy the command as cURL (bash) instead.']
  ])('refuses %s with a reason', (_label, command, message) => {
    expect(readCurlCommand(command)).toEqual({ ok: false, message })
  })

  it('lists an option whose value is missing', () => {
    const reading = readCurlCommand('curl http://127.0.0.1/ -H')
    expect(reading).toMatchObject({ ok: true, unmapped: [{ argument: '-H', reason: 'it needs a value and has none.' }] })
  })
})
