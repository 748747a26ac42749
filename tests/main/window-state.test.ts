import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  WINDOW_SIZE,
  placeWindow,
  readWindowState,
  rememberWindowState,
  writeWindowState,
  type WindowState
} from '../../src/main/window-state'

// One 1920×1080 display with a 40 px task bar, and a second to its right.
const PRIMARY = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } }
const RIGHT = { workArea: { x: 1920, y: 0, width: 1280, height: 1024 } }
const saved = (bounds: Partial<WindowState['bounds']> = {}, maximized = false): WindowState => ({
  bounds: { x: 100, y: 80, width: 900, height: 700, ...bounds },
  maximized
})
const DEFAULT = { width: WINDOW_SIZE.width, height: WINDOW_SIZE.height, maximized: false }

describe('placeWindow', () => {
  it('restores a remembered place that is on a display', () => {
    expect(placeWindow(saved(), [PRIMARY])).toEqual({ x: 100, y: 80, width: 900, height: 700, maximized: false })
  })

  it('restores the maximised flag with the normal bounds', () => {
    expect(placeWindow(saved({}, true), [PRIMARY])).toMatchObject({ maximized: true, width: 900 })
  })

  it('restores a place on the second display while it is plugged in, and not once it is gone', () => {
    const onRight = saved({ x: 2200, y: 100 })
    expect(placeWindow(onRight, [PRIMARY, RIGHT])).toMatchObject({ x: 2200, y: 100 })
    expect(placeWindow(onRight, [PRIMARY])).toEqual(DEFAULT)
  })

  it.each([
    ['far off to the right', { x: 50_000, y: 100 }],
    ['far off to the left', { x: -5000, y: 100 }],
    ['below every display', { x: 100, y: 5000 }],
    ['its title bar above the top', { x: 100, y: -30 }],
    ['its title bar under the bottom edge', { x: 100, y: 1010 }],
    ['only a sliver on screen', { x: 1920 - 50, y: 100 }]
  ])('ignores a place %s', (_label, bounds) => {
    expect(placeWindow(saved(bounds), [PRIMARY])).toEqual(DEFAULT)
  })

  it('accepts a window that hangs partly off a display but can be grabbed', () => {
    expect(placeWindow(saved({ x: 1920 - 200, y: 100 }), [PRIMARY])).toMatchObject({ x: 1720 })
  })

  it('ignores everything when no display is known', () => {
    expect(placeWindow(saved(), [])).toEqual(DEFAULT)
  })

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'window'],
    ['an array', [1, 2, 3, 4]],
    ['no bounds', { maximized: false }],
    ['no maximised flag', { bounds: saved().bounds }],
    ['a string coordinate', { bounds: { ...saved().bounds, x: '100' }, maximized: false }],
    ['NaN', { bounds: { ...saved().bounds, x: Number.NaN }, maximized: false }],
    ['Infinity', { bounds: { ...saved().bounds, width: Number.POSITIVE_INFINITY }, maximized: false }],
    ['a fraction', { bounds: { ...saved().bounds, width: 900.5 }, maximized: false }],
    ['a size under the minimum', { bounds: { ...saved().bounds, width: WINDOW_SIZE.minWidth - 1 }, maximized: false }],
    ['a negative size', { bounds: { ...saved().bounds, height: -700 }, maximized: false }],
    ['an absurd size', { bounds: { ...saved().bounds, width: 1e9 }, maximized: false }],
    ['a maximised flag that is not a boolean', { bounds: saved().bounds, maximized: 'yes' }]
  ])('ignores a file holding %s', (_label, content) => {
    expect(placeWindow(content, [PRIMARY])).toEqual(DEFAULT)
  })
})

describe('the window-state file', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stampede-window-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('reads back what was written', () => {
    const file = join(dir, 'nested', 'window-state.json')
    writeWindowState(file, saved({}, true))
    expect(readWindowState(file)).toEqual(saved({}, true))
    expect(existsSync(`${file}.partial`)).toBe(false)
  })

  it('reads a missing or corrupt file as nothing, and the window opens at the default', () => {
    const file = join(dir, 'window-state.json')
    expect(readWindowState(file)).toBeUndefined()
    writeFileSync(file, '{"bounds": {"x": 1, ')
    expect(readWindowState(file)).toBeUndefined()
    expect(placeWindow(readWindowState(file), [PRIMARY])).toEqual(DEFAULT)
  })

  it('saves the normal bounds and the maximised flag as the window closes', () => {
    const file = join(dir, 'window-state.json')
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => ({ x: 10, y: 20, width: 800, height: 600 }),
      isMaximized: () => true
    })
    rememberWindowState(window as unknown as Parameters<typeof rememberWindowState>[0], file)
    expect(existsSync(file)).toBe(false)
    window.emit('close')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      bounds: { x: 10, y: 20, width: 800, height: 600 },
      maximized: true
    })
  })

  it('a failed save is reported, not thrown at the closing window', () => {
    // A folder where the file should be: the rename fails.
    const file = join(dir, 'taken')
    writeWindowState(join(file, 'inner.json'), saved())
    const errors: unknown[] = []
    const window = Object.assign(new EventEmitter(), {
      getNormalBounds: () => saved().bounds,
      isMaximized: () => false
    })
    rememberWindowState(window as unknown as Parameters<typeof rememberWindowState>[0], file, (error) => errors.push(error))
    expect(() => window.emit('close')).not.toThrow()
    expect(errors).toHaveLength(1)
  })
})
