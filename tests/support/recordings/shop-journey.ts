import type { ExchangeSpec } from './har-builder'

/**
 * A shop's log-in journey as a browser records it, with the noise a real page has: the page's
 * script, style, logo and font, an analytics beacon, a CDN's library and a CORS preflight. Values
 * the server issued are reused later: the CSRF value of the form, the token and session of the
 * log-in's answer, an order's id from a Location header.
 */
export const SHOP = 'https://shop.example'
export const CSRF = 'csrf-9f8e7d6c5b4a'
export const META_CSRF = 'meta-1a2b3c4d5e6f'
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.tok-4e5f6a7b8c9d'
export const SESSION = 'sess-0a1b2c3d4e5f'
export const ORDER = 'ord-77889900aabb'
export const PASSWORD = 'hunter2-secret'

export const SHOP_JOURNEY: ExchangeSpec[] = [
  {
    url: `${SHOP}/login`,
    resourceType: 'document',
    mimeType: 'text/html',
    text: `<html><head><meta name="csrf-token" content="${META_CSRF}"></head><body><form method="post"><input type="hidden" name="csrf" value="${CSRF}"><input name="user"></form></body></html>`,
    requestHeaders: [['Accept', 'text/html'], ['Cookie', 'returning=yes-1234567']]
  },
  { url: `${SHOP}/static/app.js?v=3`, resourceType: 'script', mimeType: 'application/javascript', text: 'console.log(1)' },
  { url: `${SHOP}/static/site.css`, resourceType: 'stylesheet', mimeType: 'text/css', text: 'body{}' },
  { url: `${SHOP}/static/logo.png`, resourceType: 'image', mimeType: 'image/png', text: 'PNG' },
  { url: `${SHOP}/fonts/inter.woff2`, resourceType: 'font', mimeType: 'font/woff2', text: 'WOFF' },
  { url: 'https://cdn.jsdelivr.net/npm/lib@1/lib.min.js', resourceType: 'script', mimeType: 'application/javascript', text: 'x' },
  { url: 'https://www.google-analytics.com/g/collect?v=2&tid=G-12345678', method: 'POST', resourceType: 'ping', status: 204 },
  {
    url: `${SHOP}/login`,
    body: { mimeType: 'application/x-www-form-urlencoded', text: `user=alice&password=${PASSWORD}&csrf=${CSRF}`, params: [{ name: 'user', value: 'alice' }, { name: 'password', value: PASSWORD }, { name: 'csrf', value: CSRF }] },
    requestHeaders: [['Origin', SHOP]],
    resourceType: 'xhr',
    mimeType: 'application/json',
    text: JSON.stringify({ ok: true, token: TOKEN, user: { name: 'alice', id: 42 } }),
    responseHeaders: [['Content-Type', 'application/json'], ['X-Session', SESSION], ['Set-Cookie', 'sid=cookie-5566778899; Path=/; HttpOnly'], ['Date', 'Tue, 01 Dec 2026 10:00:01 GMT']]
  },
  {
    method: 'OPTIONS',
    url: `${SHOP}/api/orders`,
    requestHeaders: [['Access-Control-Request-Method', 'POST'], ['Origin', SHOP]],
    status: 204,
    resourceType: 'preflight'
  },
  {
    url: `${SHOP}/api/orders`,
    body: { mimeType: 'application/json', text: JSON.stringify({ sku: 'sku-1', quantity: 1, csrf: META_CSRF }) },
    requestHeaders: [['Authorization', `Bearer ${TOKEN}`], ['X-Session', SESSION], ['Content-Type', 'application/json']],
    resourceType: 'fetch',
    status: 201,
    mimeType: 'application/json',
    text: '{"created":true}',
    responseHeaders: [['Location', `/api/orders/${ORDER}`]]
  },
  {
    url: `${SHOP}/api/orders/${ORDER}?session=${SESSION}`,
    requestHeaders: [['Authorization', `Bearer ${TOKEN}`]],
    resourceType: 'fetch',
    mimeType: 'application/json',
    text: JSON.stringify({ id: ORDER, total: 1999 })
  }
]
