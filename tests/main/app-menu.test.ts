import { describe, expect, it, vi } from 'vitest'
import packageJson from '../../package.json'
import { README_MENU_ID, aboutPanelOptions, appMenuTemplate, readmeUrl } from '../../src/main/app-menu'

type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number]

const template = (platform: NodeJS.Platform, isPackaged = true, openReadme = vi.fn()): MenuItemConstructorOptions[] =>
  appMenuTemplate({ platform, appName: 'Stampede', isPackaged, openReadme })

/** Each top-level menu by its role, or by its label when it has none. */
const names = (menu: MenuItemConstructorOptions[]): string[] => menu.map((item) => item.role ?? item.label ?? '?')
const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[]
const find = (menu: MenuItemConstructorOptions[], name: string): MenuItemConstructorOptions | undefined =>
  menu.find((item) => (item.role ?? item.label) === name)

describe('appMenuTemplate', () => {
  it('on macOS: the app menu first, then File, Edit, View, Window, Help', () => {
    expect(names(template('darwin'))).toEqual(['appMenu', 'fileMenu', 'editMenu', 'View', 'windowMenu', 'help'])
  })

  it.each(['win32', 'linux'] as const)('on %s: File, Edit, View, Window, Help, with About under Help', (platform) => {
    const menu = template(platform)
    expect(names(menu)).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu', 'help'])
    expect(names(submenu(find(menu, 'help')))).toContain('about')
  })

  it('on macOS, About is in the app menu and not repeated under Help', () => {
    expect(names(submenu(find(template('darwin'), 'help')))).not.toContain('about')
  })

  it('Help → README calls openReadme, and nothing else does', () => {
    const openReadme = vi.fn()
    const readme = submenu(find(template('linux', true, openReadme), 'help')).find((item) => item.id === README_MENU_ID)
    expect(readme?.label).toBe('Stampede README')
    expect(openReadme).not.toHaveBeenCalled()
    ;(readme?.click as () => void)()
    expect(openReadme).toHaveBeenCalledTimes(1)
  })

  it('a packaged app has no reload or developer tools; a development build has both', () => {
    const view = (isPackaged: boolean): string[] => names(submenu(find(template('linux', isPackaged), 'View')))
    expect(view(true)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', '?', 'togglefullscreen'])
    expect(view(false)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']))
  })
})

describe('readmeUrl', () => {
  it("is package.json's homepage, an https URL", () => {
    expect(readmeUrl(packageJson.homepage)).toBe(packageJson.homepage)
    expect(new URL(readmeUrl(packageJson.homepage)).protocol).toBe('https:')
  })

  it.each([undefined, '', 'not a url', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 42])(
    'refuses %s',
    (homepage) => {
      expect(() => readmeUrl(homepage)).toThrow(/homepage must be an https URL/)
    }
  )
})

describe('aboutPanelOptions', () => {
  it('names the app and its version', () => {
    expect(
      aboutPanelOptions({ appName: 'Stampede', version: packageJson.version, website: 'https://x.example/', iconPath: '/i.png' })
    ).toEqual({ applicationName: 'Stampede', applicationVersion: packageJson.version, website: 'https://x.example/', iconPath: '/i.png' })
  })
})
