import { readFileSync } from 'node:fs'

/**
 * A self-signed certificate for 127.0.0.1 and localhost (P-256, valid 2000-2100), made once with
 * openssl for tests only: no client trusts it unless told to accept any certificate.
 */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

export const SELF_SIGNED = { key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }
