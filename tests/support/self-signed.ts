import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A self-signed certificate for 127.0.0.1 and localhost (P-256, valid 2000-2100), made once with
 * openssl for tests only: no client trusts it unless told to accept any certificate.
 */
// __dirname rather than import.meta.url: Playwright loads test support files as CommonJS.
const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8')

export const SELF_SIGNED = { key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }
