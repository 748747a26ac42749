import type { Locator, Page } from '@playwright/test'

/** The UI by accessible name, one definition for the Chromium (tests/e2e) and Electron (tests/electron) layers. */
export interface AppLocators {
  url: Locator
  requests: Locator
  concurrency: Locator
  submit: Locator
  cancel: Locator
  progress: Locator
  /** The panel around the bar, with its "done / total" (requests, a flow's iterations, or time for a run the clock ends) and percentage. */
  progressPanel: Locator
  demoTarget: Locator
  notice: Locator
  /** The figure shown under a label such as "2xx–3xx", "Error rate" or "p99". */
  stat(label: string): Locator
  designer: DesignerLocators
}

/** The load designer: the folded Request and Load sections and what they hold. */
export interface DesignerLocators {
  /** The buttons that fold each section out and back. */
  requestToggle: Locator
  loadToggle: Locator
  method: Locator
  timeout: Locator
  insecure: Locator
  addParameter: Locator
  /** 1-based, as the rows are named. */
  parameterName(position: number): Locator
  parameterValue(position: number): Locator
  addHeader: Locator
  headerName(position: number): Locator
  headerValue(position: number): Locator
  headerSend(position: number): Locator
  /** "None", "Text" or "JSON". */
  bodyKind(kind: string): Locator
  bodyContent: Locator
  /** "A number of requests", "A duration" or "Whichever comes first". */
  stopAfter(choice: string): Locator
  openModel: Locator
  closedModel: Locator
  duration: Locator
  rate: Locator
  pipelining: Locator
  /** The same field as `pipelining`, so named while HTTP/2 is chosen. */
  streams: Locator
  workers: Locator
  protocol: Locator
  /** The switch that shows the stages editor. */
  shaped: Locator
  stageDuration(position: number): Locator
  stageTarget(position: number): Locator
  addStage: Locator
  /** A preset button by its name, such as "Ramp up". */
  preset(name: string): Locator
  /** The shape's drawing, named by what it shows (length, peak, requests in all). */
  shapeChart: Locator
  importCurl: Locator
  curlCommand: Locator
  curlImport: Locator
  /** The list of what an import could not carry over. */
  curlLeftOut: Locator
}

export function locateApp(page: Page): AppLocators {
  return {
    url: page.getByLabel('URL', { exact: true }),
    requests: page.getByLabel('Number of requests', { exact: true }),
    concurrency: page.getByLabel('Concurrency', { exact: true }),
    submit: page.getByRole('button', { name: 'Submit', exact: true }),
    cancel: page.getByRole('button', { name: 'Cancel', exact: true }),
    progress: page.getByRole('progressbar', { name: 'Progress' }),
    progressPanel: page.getByRole('region', { name: /^(Requests completed|Iterations completed|Time elapsed)$/ }),
    demoTarget: page.getByRole('button', { name: 'Try it on a local demo target' }),
    notice: page.getByRole('status'),
    stat: (label) => page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]'),
    designer: locateDesigner(page)
  }
}

function locateDesigner(page: Page): DesignerLocators {
  const exact = { exact: true }
  return {
    requestToggle: page.getByRole('button', { name: /^Request\b/ }),
    loadToggle: page.getByRole('button', { name: /^Load\b/ }),
    method: page.getByLabel('Method', exact),
    timeout: page.getByLabel('Timeout', exact),
    insecure: page.getByLabel('Allow insecure TLS (self-signed certificates)', exact),
    addParameter: page.getByRole('button', { name: 'Add parameter', exact: true }),
    parameterName: (position) => page.getByLabel(`Query parameter ${position} name`, exact),
    parameterValue: (position) => page.getByLabel(`Query parameter ${position} value`, exact),
    addHeader: page.getByRole('button', { name: 'Add header', exact: true }),
    headerName: (position) => page.getByLabel(`Header ${position} name`, exact),
    headerValue: (position) => page.getByLabel(`Header ${position} value`, exact),
    headerSend: (position) => page.getByLabel(`Send header ${position}`, exact),
    bodyKind: (kind) => page.getByRole('radio', { name: kind, exact: true }),
    bodyContent: page.getByLabel('Body content', exact),
    stopAfter: (choice) => page.getByRole('radio', { name: choice, exact: true }),
    openModel: page.getByRole('radio', { name: /^Open:/ }),
    closedModel: page.getByRole('radio', { name: /^Closed:/ }),
    duration: page.getByLabel('Duration', exact),
    rate: page.getByLabel('Rate', exact),
    pipelining: page.getByLabel('Pipelining', exact),
    streams: page.getByLabel('Streams', exact),
    workers: page.getByLabel('Workers', exact),
    protocol: page.getByLabel('Protocol', exact),
    shaped: page.getByLabel('Shape the load with stages', exact),
    stageDuration: (position) => page.getByLabel(`Stage ${position} duration`, exact),
    stageTarget: (position) => page.getByLabel(`Stage ${position} target`, exact),
    addStage: page.getByRole('button', { name: 'Add stage', exact: true }),
    preset: (name) => page.getByRole('group', { name: 'Presets' }).getByRole('button', { name, exact: true }),
    shapeChart: page.getByRole('img', { name: /^Load shape:/ }),
    importCurl: page.getByRole('button', { name: 'Import cURL', exact: true }),
    curlCommand: page.getByLabel('cURL command', exact),
    curlImport: page.getByRole('button', { name: 'Import', exact: true }),
    curlLeftOut: page.getByRole('list', { name: 'Not carried over from cURL' })
  }
}
