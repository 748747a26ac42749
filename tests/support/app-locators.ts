import type { Locator, Page } from '@playwright/test'

/** The UI by accessible name, one definition for the Chromium (tests/e2e) and Electron (tests/electron) layers. */
export interface AppLocators {
  url: Locator
  requests: Locator
  concurrency: Locator
  submit: Locator
  cancel: Locator
  progress: Locator
  /** The panel around the bar, with its "done / total" and percentage. */
  progressPanel: Locator
  demoTarget: Locator
  notice: Locator
  /** The figure shown under a label such as "2xx–3xx", "Error rate" or "p99". */
  stat(label: string): Locator
}

export function locateApp(page: Page): AppLocators {
  return {
    url: page.getByLabel('URL', { exact: true }),
    requests: page.getByLabel('Number of requests', { exact: true }),
    concurrency: page.getByLabel('Concurrency', { exact: true }),
    submit: page.getByRole('button', { name: 'Submit', exact: true }),
    cancel: page.getByRole('button', { name: 'Cancel', exact: true }),
    progress: page.getByRole('progressbar', { name: 'Progress' }),
    progressPanel: page.getByRole('region', { name: 'Requests completed' }),
    demoTarget: page.getByRole('button', { name: 'Try it on a local demo target' }),
    notice: page.getByRole('status'),
    stat: (label) => page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]')
  }
}
