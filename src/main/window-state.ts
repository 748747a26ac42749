import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BrowserWindow, Rectangle } from 'electron'
import { z } from 'zod'

/** The window's size when nothing is remembered, and the least it may be. */
export const WINDOW_SIZE = { width: 1000, height: 760, minWidth: 720, minHeight: 560 } as const

/** The file, in app.getPath('userData'), that remembers where the window was. */
export const WINDOW_STATE_FILE = 'window-state.json'

/** Enough of the window's top edge to grab it by: this much must lie on some display's work area. */
const GRAB_STRIP = { width: 100, height: 40 } as const

/** Past this a saved size is not a window size but a damaged file. */
const MAX_SIDE = 100_000

const coordinate = z.number().int().min(-MAX_SIDE).max(MAX_SIDE)
const savedStateSchema = z.object({
  bounds: z.object({
    x: coordinate,
    y: coordinate,
    width: z.number().int().min(WINDOW_SIZE.minWidth).max(MAX_SIDE),
    height: z.number().int().min(WINDOW_SIZE.minHeight).max(MAX_SIDE)
  }),
  maximized: z.boolean()
})

export type WindowState = z.infer<typeof savedStateSchema>

/** Where the window opens: x and y only when a remembered place is whole and still on a display. */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

const DEFAULT_PLACEMENT: WindowPlacement = { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height, maximized: false }

/**
 * Judges what was read from the file against today's displays (screen.getAllDisplays()): a file
 * that is damaged, of another shape, or that would put the window where it cannot be reached (a
 * display since unplugged) is ignored, and the window opens at the default size, centred.
 */
export function placeWindow(saved: unknown, displays: ReadonlyArray<{ workArea: Rectangle }>): WindowPlacement {
  const parsed = savedStateSchema.safeParse(saved)
  if (!parsed.success) return DEFAULT_PLACEMENT
  const { bounds, maximized } = parsed.data
  const reachable = displays.some(({ workArea }) => canGrab(bounds, workArea))
  return reachable ? { ...bounds, maximized } : DEFAULT_PLACEMENT
}

/** The window's top strip lies on the work area: wide enough to drag, its top edge not above it. */
function canGrab(window: Rectangle, area: Rectangle): boolean {
  const overlap = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x)
  const top = window.y
  return (
    overlap >= Math.min(GRAB_STRIP.width, window.width) &&
    top >= area.y &&
    top + GRAB_STRIP.height <= area.y + area.height
  )
}

/** The file's content as JSON, or undefined when it is missing or not JSON (placeWindow judges the rest). */
export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/** Written whole or not at all (a rename), so a crash mid-write leaves the last good file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partial`
  writeFileSync(partial, JSON.stringify(state))
  renameSync(partial, file)
}

/**
 * Saves the window's place as it closes: its normal (unmaximised) bounds and whether it was
 * maximised. A write that fails costs the remembered place, never the quit.
 */
export function rememberWindowState(
  window: Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized'>,
  file: string,
  onError: (error: unknown) => void = (error) => console.warn(`Could not save the window's place in ${file}:`, error)
): void {
  window.on('close', () => {
    try {
      writeWindowState(file, { bounds: window.getNormalBounds(), maximized: window.isMaximized() })
    } catch (error) {
      onError(error)
    }
  })
}
