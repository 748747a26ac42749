import type { StampedeApi } from '../../../shared/ipc'

// What the preload exposes (src/preload/index.ts); the renderer sees the type and nothing of Electron.
declare global {
  interface Window {
    readonly api: StampedeApi
  }
}
