import type { ErrorKind } from '../../../shared/run-snapshot'

/** How each way a request can fail is named for people (the engine only names kinds). */
export const ERROR_KIND_LABELS: Record<ErrorKind, string> = {
  refused: 'Connection refused',
  reset: 'Connection reset',
  timeout: 'Timed out',
  dns: 'Host not found',
  tls: 'TLS error',
  protocol: 'Protocol error',
  cancelled: 'Aborted by cancel',
  other: 'Other error'
}
