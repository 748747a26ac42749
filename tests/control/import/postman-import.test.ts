import { describe, expect, test } from 'vitest'
import { importPostman } from '../../../src/control/import/postman-import'
import type { ImportedTest } from '../../../src/shared/import/imported-test'
import { collectionV20, collectionV21, environmentFile } from '../../support/recordings/postman-collections'

function imported(collection: object, environment?: object): ImportedTest {
  const read = importPostman(
    { text: JSON.stringify(collection), fileName: 'shop.postman_collection.json' },
    environment ? { text: JSON.stringify(environment), fileName: 'staging.postman_environment.json' } : undefined
  )
  if (!read.ok) throw new Error(read.message)
  return read.imported
}

describe('a Postman collection v2.1 with folders, auth, variables and scripts', () => {
  const test21 = imported(collectionV21(), environmentFile())
  const steps = test21.flow.steps

  test('each request, in the order of its folders, is a step named after it', () => {
    expect(test21.name).toBe('Shop API')
    expect(steps.map((step) => `${step.name}: ${step.method} ${step.url}`)).toEqual([
      'Log in: POST {{baseUrl}}/login',
      'Create order: POST {{baseUrl}}/orders',
      'Get order: GET {{baseUrl}}/orders/{{orderId}}?session={{session}}',
      'Upload receipt: POST {{baseUrl}}/receipts',
      'Admin report: GET {{baseUrl}}/admin/report'
    ])
  })

  test('variables: the environment over the collection, a folder over both in its own requests', () => {
    expect(test21.flow.variables).toEqual(
      expect.arrayContaining([
        ['baseUrl', 'https://api.shop.example'],
        ['user', 'env-user']
      ])
    )
    expect(steps[1].body).toBe('{"sku": "sku-folder", "user": "{{userId}}"}')
    expect(test21.flow.variables.map(([name]) => name)).not.toContain('unused')
  })

  test('auth: none where the request says so, the collection bearer inherited, API key and basic as headers', () => {
    expect(steps[0].headers).toEqual([
      ['Accept', 'application/json'],
      ['Content-Type', 'application/x-www-form-urlencoded']
    ])
    expect(steps[1].headers).toContainEqual(['Authorization', 'Bearer {{token}}'])
    expect(steps[3].headers).toContainEqual(['X-Api-Key', 'key-123456789'])
    expect(steps[4].headers).toContainEqual(['Authorization', `Basic ${Buffer.from('admin:admin-secret').toString('base64')}`])
  })

  test('bodies: urlencoded encoded around its variables, raw JSON with its type, form-data text sent and the file listed', () => {
    expect(steps[0].body).toBe('user={{user}}&password=p%40ss%20word')
    expect(steps[1].headers).toContainEqual(['Content-Type', 'application/json'])
    expect(steps[3].body).toContain('name="note"\r\n\r\nhello')
    expect(test21.findings.notConverted).toContainEqual({ where: 'Upload receipt', text: 'form-data receipt: file /home/me/receipt.pdf', reason: 'files in form-data bodies are not sent.' })
  })

  test("the log-in's script becomes captures and checks; what is not translated is listed with the request's name", () => {
    expect(steps[0].captures).toEqual([
      { variable: 'token', source: 'json', expression: '$.data.token' },
      { variable: 'userId', source: 'json', expression: '$.user.id' },
      { variable: 'session', source: 'header', expression: 'x-session' }
    ])
    expect(steps[0].checks).toEqual(['status == 200', 'body contains "welcome"'])
    expect(steps[1].checks).toEqual(['status == 201'])
    expect(steps[1].captures).toEqual([{ variable: 'orderId', source: 'json', expression: '$.id' }])
    const listed = test21.findings.notConverted.map((item) => `${item.where}: ${item.text}`)
    expect(listed).toContain("Log in: postman.setNextRequest('Orders')")
    expect(listed).toContain("collection Shop API: console.log('every request')")
    expect(listed.filter((line) => line.startsWith('Log in:'))).toHaveLength(1)
  })

  test('the secrets: the basic credentials and the API key stay in the file, and say so', () => {
    expect(test21.findings.secrets).toEqual(
      expect.arrayContaining([
        { step: 3, kind: 'apiKey', where: 'header X-Api-Key', staysInFile: true },
        { step: 4, kind: 'authorization', where: 'header Authorization', staysInFile: true },
        { step: 1, kind: 'authorization', where: 'header Authorization', staysInFile: false },
        { step: 0, kind: 'password', where: 'body password', staysInFile: true }
      ])
    )
  })
})

describe('a Postman collection v2.0', () => {
  const test20 = imported(collectionV20())

  test('auth objects and URLs as text are read as v2.1 ones', () => {
    expect(test20.flow.steps.map((step) => `${step.method} ${step.url}`)).toEqual(['POST {{baseUrl}}/login', 'GET {{baseUrl}}/profile', 'GET {{baseUrl}}/report'])
    expect(test20.flow.steps[0].captures).toEqual([{ variable: 'token', source: 'json', expression: '$.token' }])
    expect(test20.flow.steps[0].checks).toEqual(['status == 200'])
    expect(test20.flow.steps[1].headers).toEqual([['Authorization', 'Bearer {{token}}']])
    expect(test20.flow.steps[2].headers).toEqual([['Authorization', `Basic ${Buffer.from('admin:pw-1234').toString('base64')}`]])
  })
})

describe('what is refused, naming the file', () => {
  test.each([
    ['{"info": {"schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}}', 'only Postman collections v2.0 and v2.1 are read'],
    ['{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}', 'the collection has no requests'],
    ['{"info": {"schema": 3}}', 'not a Postman collection']
  ])('%s', (text, message) => {
    const read = importPostman({ text, fileName: 'c.json' })
    expect(read).toEqual({ ok: false, message: expect.stringContaining(`c.json: ${message}`) })
  })

  test('an environment file that is not one', () => {
    const read = importPostman({ text: JSON.stringify(collectionV20()), fileName: 'c.json' }, { text: '{"name": "x"}', fileName: 'env.json' })
    expect(read).toEqual({ ok: false, message: 'env.json: not a Postman environment (it has no values list).' })
  })
})
