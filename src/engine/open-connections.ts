import type { Client } from 'undici'

/**
 * How many of a run's connections are open right now, from undici's own 'connect' and 'disconnect'
 * events: a connection that keeps being closed and reopened shows up in the series as a dip. Each
 * Client is watched from its creation, a connection's later ones too (a shape reopening it).
 */
export class OpenConnections {
  count = 0

  watch(client: Client): void {
    client.on('connect', () => this.count++)
    client.on('disconnect', () => this.count--)
  }
}
