import type { AboutPanelOptionsOptions, MenuItemConstructorOptions } from 'electron'

export interface AppMenuOptions {
  platform: NodeJS.Platform
  appName: string
  /** Reload and the developer tools are for development: a reload mid-run would orphan the page's view of it. */
  isPackaged: boolean
  /** Help → README, in the user's browser (never in the app's window). */
  openReadme: () => void
}

export const README_MENU_ID = 'help-readme'

/**
 * The application menu: Electron's own role menus for each platform's conventions (macOS gets the
 * app menu, where About lives; elsewhere About is under Help), plus the README.
 */
export function appMenuTemplate({ platform, appName, isPackaged, openReadme }: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const developerItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { id: README_MENU_ID, label: `${appName} README`, click: () => openReadme() },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const])
      ]
    }
  ]
}

/**
 * The README's address from package.json's homepage. Only an https URL is ever handed to
 * shell.openExternal: the operating system opens whatever it is given, programs included.
 */
export function readmeUrl(homepage: unknown): string {
  const url = typeof homepage === 'string' && URL.canParse(homepage) ? new URL(homepage) : undefined
  if (!url || url.protocol !== 'https:') throw new Error(`package.json's homepage must be an https URL, not ${String(homepage)}.`)
  return url.href
}

/** What About shows: the name and version (and, on Linux, the website and icon, which it has no default for). */
export function aboutPanelOptions({
  appName,
  version,
  website,
  iconPath
}: {
  appName: string
  version: string
  website: string
  iconPath: string
}): AboutPanelOptionsOptions {
  return { applicationName: appName, applicationVersion: version, website, iconPath }
}
