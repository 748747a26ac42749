import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildApi, type Invoke, type Subscribe } from '../shared/ipc'

// The only file that touches ipcRenderer: the page gets these typed functions and nothing raw.

const invoke: Invoke = (channel, ...args) => ipcRenderer.invoke(channel, ...args)

// Listeners get the payload only; the IPC event would hand the page a handle on ipcRenderer.
const subscribe: Subscribe = (channel, listener) => {
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
  ipcRenderer.on(channel, forward)
  return () => {
    ipcRenderer.removeListener(channel, forward)
  }
}

contextBridge.exposeInMainWorld('api', buildApi(invoke, subscribe))
