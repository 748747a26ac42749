import type { Locator } from '@playwright/test'
import { INITIAL_PLAN_FORM_VALUES, type PlanFormPart, type PlanFormValues } from '../../src/renderer/src/plan/plan-form'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import { expect, test, type StampedeApp } from '../support/app-harness'
import type { DesignerLocators } from '../support/app-locators'

// Each bad input of the designer, typed where a user types it: its message (the shared validation's
// own, computed here by the same checkPlanForm) shows next to it, Submit stays disabled, Enter sends
// nothing, and the server receives nothing at all.

const VALID = { url: 'http://127.0.0.1/', totalRequests: '20', concurrency: '2' }

function expectedMessage(values: Partial<PlanFormValues>, part: PlanFormPart): string {
  const check = checkPlanForm({ ...INITIAL_PLAN_FORM_VALUES, ...VALID, ...values })
  const message = check.ok ? undefined : check.errors[part]
  if (!message) throw new Error(`The shared validation accepts ${JSON.stringify(values)}: not a bad value.`)
  return message
}

function escaped(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
}

/** The field shows `message` as its own, Submit is disabled, and Enter in it starts nothing. */
async function expectRefusedHere(app: StampedeApp, field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(typeof message === 'string' ? escaped(message) : message)
  await expect(app.ui.submit).toBeDisabled()
  await field.press('Enter')
  await expect(app.ui.cancel).toBeHidden()
}

interface BadLoadValue {
  /** What the form must be set to for the field to count (a stop after a duration, the open model). */
  setUp?: (designer: DesignerLocators) => Promise<void>
  field: (designer: DesignerLocators) => Locator
  part: PlanFormPart
  value: string
  values?: Partial<PlanFormValues>
}

const BAD_LOAD_VALUES: BadLoadValue[] = [
  { field: (d) => d.timeout, part: 'timeout', value: '0' },
  { field: (d) => d.timeout, part: 'timeout', value: '2s' },
  { field: (d) => d.timeout, part: 'timeout', value: '600001' },
  ...['abc', '0', '-1', '86400.5'].map(
    (value): BadLoadValue => ({
      setUp: (d) => d.stopAfter('A duration').check(),
      field: (d) => d.duration,
      part: 'duration',
      value,
      values: { stopAfter: 'duration' }
    })
  ),
  ...['', '0', '1.5'].map(
    (value): BadLoadValue => ({
      setUp: (d) => d.openModel.check(),
      field: (d) => d.rate,
      part: 'ratePerSecond',
      value,
      values: { model: 'open' }
    })
  ),
  { field: (d) => d.pipelining, part: 'pipelining', value: '0' },
  { field: (d) => d.pipelining, part: 'pipelining', value: '1001' },
  { field: (d) => d.workers, part: 'workers', value: '0' },
  { field: (d) => d.workers, part: 'workers', value: '257' }
]

test('each bad timeout, duration, rate, pipelining and worker count is explained next to it, and nothing is sent', async ({
  app
}) => {
  const server = await app.startTarget()
  const { designer } = app.ui
  await app.fillPlan(server.url, 20, 2)
  await designer.requestToggle.click()
  await designer.loadToggle.click()
  await expect(app.ui.submit).toBeEnabled()

  for (const bad of BAD_LOAD_VALUES) {
    await bad.setUp?.(designer)
    const field = bad.field(designer)
    const restore = await field.inputValue()
    await field.fill(bad.value)
    const message = expectedMessage({ ...bad.values, [bad.part]: bad.value }, bad.part)
    await expectRefusedHere(app, field, message)
    await expect(app.page.getByText(message, { exact: true })).toBeVisible()
    await field.fill(bad.values ? '5' : restore)
    await expect(field).not.toHaveAttribute('aria-invalid')
    await designer.stopAfter('A number of requests').check()
    await designer.closedModel.check()
    await expect(app.ui.submit).toBeEnabled()
  }

  await app.page.evaluate(() => 0)
  expect(app.bridge.invocations.startRun).toBe(0)
  expect(server.received).toBe(0)
})

test('bad headers are refused on their row, a JSON body that does not parse and a HEAD with a body on the body, and nothing is sent', async ({
  app
}) => {
  const server = await app.startTarget()
  const { designer } = app.ui
  await app.fillPlan(server.url, 20, 2)
  await designer.requestToggle.click()

  // Headers that would break the connection, and names that are no names.
  await designer.addHeader.click()
  await designer.addHeader.click()
  await designer.headerName(1).fill('X-Fine')
  await designer.headerValue(1).fill('1')
  for (const [name, value] of [
    ['Connection', 'close'],
    ['Transfer-Encoding', 'chunked'],
    ['Content-Length', '5'],
    ['Bad Name', 'x'],
    ['X-Ünicode', 'x']
  ]) {
    await designer.headerName(2).fill(name)
    await designer.headerValue(2).fill(value)
    const row = { id: 0, name, value, enabled: true }
    await expectRefusedHere(app, designer.headerName(2), expectedMessage({ headers: [row] }, 'headers'))
    await expect(designer.headerName(1)).not.toHaveAttribute('aria-invalid')
  }
  // Switched off, the row is not sent, so it no longer stands in the way.
  await designer.headerSend(2).uncheck()
  await expect(designer.headerName(2)).not.toHaveAttribute('aria-invalid')
  await expect(app.ui.submit).toBeEnabled()

  await designer.method.selectOption('POST')
  await designer.bodyKind('JSON').check()
  for (const body of ['{"sku": "A-1",}', '{"sku": ', "{'sku': 1}"]) {
    await designer.bodyContent.fill(body)
    await expectRefusedHere(app, designer.bodyContent, /The body is not valid JSON: \S/)
  }
  // The same text is a fine text body; a HEAD may have none.
  await designer.bodyKind('Text').check()
  await expect(designer.bodyContent).not.toHaveAttribute('aria-invalid')
  await expect(app.ui.submit).toBeEnabled()
  await designer.method.selectOption('HEAD')
  await expectRefusedHere(
    app,
    designer.bodyContent,
    expectedMessage({ method: 'HEAD', bodyKind: 'text', body: "{'sku': 1}" }, 'body')
  )

  await app.page.evaluate(() => 0)
  expect(app.bridge.invocations.startRun).toBe(0)
  expect(server.received).toBe(0)
})
