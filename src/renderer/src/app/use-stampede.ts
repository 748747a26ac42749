import { createStampedeStore } from './stampede-store'

/** The app's one store, talking to main through the preload's window.api. */
export const useStampede = createStampedeStore(window.api)
