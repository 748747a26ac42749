import type { Har } from 'har-format'
import type { RecordedShop } from '../recorded-shop'
import { HarRecorder } from './har-recorder'

/**
 * The shop's journey as a browser would record it against `shop` (tests/support/recorded-shop.ts):
 * the log-in page with its script and logo, a beacon to `beaconUrl` (another host), the log-in
 * with the page's CSRF value, an order with the token, session, cookie and the <meta> CSRF value,
 * and the order its Location names. Every recorded value is one the shop really issued.
 */
export async function recordShopJourney(shop: RecordedShop, beaconUrl: string): Promise<Har> {
  const recorder = new HarRecorder()
  const page = await recorder.send('GET', `${shop.url}/login`, [['Accept', 'text/html']], undefined, 'document')
  await recorder.send('GET', `${shop.url}/static/app.js`, [], undefined, 'script')
  await recorder.send('GET', `${shop.url}/static/logo.png`, [], undefined, 'image')
  await recorder.send('POST', `${beaconUrl}/collect?tid=G-12345678`, [['Content-Type', 'text/plain']], 'page_view', 'ping')
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]
  const meta = /name="csrf-token" content="([^"]+)"/.exec(page.text)![1]
  const login = await recorder.send('POST', `${shop.url}/login`, [['Content-Type', 'application/x-www-form-urlencoded'], ['Origin', shop.url]], `user=alice&password=hunter2-secret&csrf=${csrf}`, 'document')
  const { token } = JSON.parse(login.text) as { token: string }
  const session = String(login.headers['x-session'])
  const cookie = String(login.headers['set-cookie']).split(';')[0]
  const auth: Array<[string, string]> = [['Authorization', `Bearer ${token}`], ['X-Session', session], ['Cookie', cookie]]
  const order = await recorder.send('POST', `${shop.url}/api/orders`, [...auth, ['Content-Type', 'application/json']], JSON.stringify({ sku: 'sku-1', csrf: meta }))
  if (order.status !== 201) throw new Error(`The shop refused the recorded order: ${order.status}.`)
  const shown = await recorder.send('GET', `${shop.url}${String(order.headers.location)}?session=${session}`, auth)
  if (shown.status !== 200) throw new Error(`The shop refused the recorded order's page: ${shown.status}.`)
  return recorder.har('Shop')
}
