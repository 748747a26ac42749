import { expect, test } from 'vitest'
import { translateTestScript } from '../../../src/shared/import/postman-scripts'

test.each([
  ["pm.environment.set('token', pm.response.json().token);", { captures: [{ variable: 'token', source: 'json', expression: '$.token' }] }],
  ['pm.collectionVariables.set("id", pm.response.json().items[0]["order id"])', { captures: [{ variable: 'id', source: 'json', expression: "$.items[0]['order id']" }] }],
  ["pm.globals.set('s', pm.response.headers.get('X-Session'))", { captures: [{ variable: 's', source: 'header', expression: 'x-session' }] }],
  ["const data = pm.response.json(); pm.environment.set('t', data.auth.token);", { captures: [{ variable: 't', source: 'json', expression: '$.auth.token' }] }],
  ['pm.response.to.have.status(200);', { checks: ['status == 200'] }],
  ['pm.expect(pm.response.code).to.eql(201)', { checks: ['status == 201'] }],
  ["pm.expect(pm.response.text()).to.include('Welcome \"back\"')", { checks: ['body contains "Welcome \\"back\\""'] }],
  ['pm.test("ok", function () { pm.response.to.have.status(204); });', { checks: ['status == 204'] }],
  ['pm.test("ok", () => pm.response.to.have.status(204))', { checks: ['status == 204'] }],
  ['// a comment', {}],
  ["pm.environment.set('t', pm.response.json().token.toUpperCase())", { untranslated: ["pm.environment.set('t', pm.response.json().token.toUpperCase())"] }],
  ['if (pm.response.code === 200) { postman.setNextRequest(null) }', { untranslated: ['if (pm.response.code === 200) { postman.setNextRequest(null) }'] }],
  ["pm.expect(pm.response.json().ok).to.be.true", { untranslated: ['pm.expect(pm.response.json().ok).to.be.true'] }]
])('%s', (line, expected) => {
  expect(translateTestScript([line])).toEqual({ captures: [], checks: [], untranslated: [], ...expected })
})

test("a test's wrapper lines are translated with what they hold; what they hold and is not translated is listed", () => {
  const lines = ['pm.test("Status", function () {', '  pm.response.to.have.status(200);', '  console.log(pm.response.json());', '});']
  expect(translateTestScript(lines)).toEqual({ captures: [], checks: ['status == 200'], untranslated: ['console.log(pm.response.json())'] })
})
