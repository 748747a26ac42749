import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { REQUEST_NAMES, eventChannel, requestChannel, type EventName, type Events } from '../shared/ipc'
import type { RequestHandlers } from './handler-contract'

/** Decides from the sending frame's URL whether a request comes from our own renderer. */
export type SenderCheck = (frameUrl: string) => boolean

/**
 * The one file that touches ipcMain: serves every request in the contract on its channel, for
 * senders that pass the check only. Returns a function that stops serving.
 */
export function serveRequests(handlers: RequestHandlers, isTrustedSender: SenderCheck): () => void {
  for (const name of REQUEST_NAMES) {
    const handler = handlers[name] as (...args: unknown[]) => Promise<unknown>
    ipcMain.handle(requestChannel(name), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      // A frame that navigated away or an injected iframe must not drive the load engine.
      const frameUrl = event.senderFrame?.url
      if (frameUrl === undefined || !isTrustedSender(frameUrl)) {
        throw new Error(`Refused ${name}: the request did not come from the Stampede window.`)
      }
      return handler(...args)
    })
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(requestChannel(name))
  }
}

/** Main -> renderer; a closed window is skipped rather than thrown at. */
export function sendEvent<K extends EventName>(
  webContents: Pick<WebContents, 'isDestroyed' | 'send'>,
  name: K,
  payload: Events[K]
): void {
  if (!webContents.isDestroyed()) webContents.send(eventChannel(name), payload)
}
