import type { Client } from 'undici'

/**
 * How many of a run's connections are open right now, from undici's own 'connect' and 'disconnect'
 * events: a connection that keeps being closed and reopened shows up in the series as a dip.
 */
export class OpenConnections {
  count = 0

  constructor(clients: readonly Client[]) {
    for (const client of clients) {
      client.on('connect', () => this.count++)
      client.on('disconnect', () => this.count--)
    }
  }
}
