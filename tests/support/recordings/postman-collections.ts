/**
 * Postman collections written for the import's tests, one per version: v2.1 (auth as lists of
 * key/value, URLs as objects with :param variables) and v2.0 (auth as objects, URLs as text).
 * Both hold folders, variables of each scope, bearer/basic/API-key auth, each body mode and the
 * script patterns the importer translates, plus lines it must list.
 */
export function collectionV21(baseUrl = 'https://api.shop.example'): object {
  return {
    info: { name: 'Shop API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [
      { key: 'baseUrl', value: baseUrl },
      { key: 'user', value: 'collection-user' },
      { key: 'sku', value: 'sku-collection' }
    ],
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ["console.log('every request')"] } }],
    item: [
      {
        name: 'Auth',
        item: [
          {
            name: 'Log in',
            event: [
              {
                listen: 'test',
                script: {
                  type: 'text/javascript',
                  exec: [
                    'pm.test("Status code is 200", function () {',
                    '    pm.response.to.have.status(200);',
                    '});',
                    'const body = pm.response.json();',
                    "pm.environment.set('token', pm.response.json().data.token);",
                    'pm.collectionVariables.set("userId", body.user.id);',
                    "pm.globals.set('session', pm.response.headers.get('X-Session'));",
                    "pm.expect(pm.response.text()).to.include('welcome');",
                    "postman.setNextRequest('Orders');"
                  ]
                }
              }
            ],
            request: {
              auth: { type: 'noauth' },
              method: 'POST',
              header: [{ key: 'Accept', value: 'application/json' }, { key: 'X-Disabled', value: 'x', disabled: true }],
              body: { mode: 'urlencoded', urlencoded: [{ key: 'user', value: '{{user}}' }, { key: 'password', value: 'p@ss word' }, { key: 'off', value: '1', disabled: true }] },
              url: { raw: '{{baseUrl}}/login', host: ['{{baseUrl}}'], path: ['login'] }
            }
          }
        ]
      },
      {
        name: 'Orders',
        variable: [{ key: 'sku', value: 'sku-folder' }],
        item: [
          {
            name: 'Create order',
            event: [{ listen: 'test', script: { exec: ['pm.expect(pm.response.code).to.eql(201);', "pm.environment.set('orderId', pm.response.json().id)"] } }],
            request: {
              method: 'POST',
              header: [],
              body: { mode: 'raw', raw: '{"sku": "{{sku}}", "user": "{{userId}}"}', options: { raw: { language: 'json' } } },
              url: { raw: '{{baseUrl}}/orders', host: ['{{baseUrl}}'], path: ['orders'] }
            }
          },
          {
            name: 'Get order',
            request: {
              method: 'GET',
              header: [],
              url: {
                raw: '{{baseUrl}}/orders/:orderId?session={{session}}',
                host: ['{{baseUrl}}'],
                path: ['orders', ':orderId'],
                query: [{ key: 'session', value: '{{session}}' }],
                variable: [{ key: 'orderId', value: '{{orderId}}' }]
              }
            }
          },
          {
            name: 'Upload receipt',
            request: {
              auth: { type: 'apikey', apikey: [{ key: 'key', value: 'X-Api-Key' }, { key: 'value', value: 'key-123456789' }, { key: 'in', value: 'header' }] },
              method: 'POST',
              header: [],
              body: { mode: 'formdata', formdata: [{ key: 'note', value: 'hello', type: 'text' }, { key: 'receipt', src: '/home/me/receipt.pdf', type: 'file' }] },
              url: { raw: '{{baseUrl}}/receipts', host: ['{{baseUrl}}'], path: ['receipts'] }
            }
          }
        ]
      },
      {
        name: 'Admin report',
        request: {
          auth: { type: 'basic', basic: [{ key: 'username', value: 'admin' }, { key: 'password', value: '{{adminPassword}}' }] },
          method: 'GET',
          header: [],
          url: { raw: '{{baseUrl}}/admin/report', host: ['{{baseUrl}}'], path: ['admin', 'report'] }
        }
      }
    ]
  }
}

export function environmentFile(): object {
  return {
    name: 'Staging',
    _postman_variable_scope: 'environment',
    values: [
      { key: 'user', value: 'env-user', enabled: true },
      { key: 'adminPassword', value: 'admin-secret', enabled: true },
      { key: 'unused', value: 'x', enabled: false }
    ]
  }
}

/** The same requests as v2.0 writes them: auth as objects, URLs as text. */
export function collectionV20(): object {
  return {
    info: { name: 'Shop API v2.0', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
    variable: [{ key: 'baseUrl', value: 'https://api.shop.example' }],
    item: [
      {
        name: 'Log in',
        event: [{ listen: 'test', script: { exec: ["pm.environment.set('token', pm.response.json().token)", 'pm.response.to.have.status(200)'] } }],
        request: {
          method: 'POST',
          header: [{ key: 'Content-Type', value: 'application/json' }],
          body: { mode: 'raw', raw: '{"user": "alice"}' },
          url: '{{baseUrl}}/login'
        }
      },
      {
        name: 'Profile',
        request: { auth: { type: 'bearer', bearer: { token: '{{token}}' } }, method: 'GET', header: [], url: '{{baseUrl}}/profile' }
      },
      {
        name: 'Report',
        request: { auth: { type: 'basic', basic: { username: 'admin', password: 'pw-1234' } }, method: 'GET', header: [], url: '{{baseUrl}}/report' }
      }
    ]
  }
}
