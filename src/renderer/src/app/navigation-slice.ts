import type { SliceCreator } from './stampede-store'

/** The window's two places: the designer with its live results, and the run history (with compare). */
export type MainView = 'designer' | 'history'

export interface NavigationSlice {
  mainView: MainView
  showMainView(view: MainView): void
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = () => (set) => ({
  mainView: 'designer',
  showMainView: (view) => set({ mainView: view })
})
