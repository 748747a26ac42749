import type { PlanFormField } from '../../src/renderer/src/plan/plan-form'
import { checkPlanForm } from '../../src/renderer/src/plan/plan-form-check'
import { expect, test } from '../support/app-harness'

// The messages are the shared validation's own (the one place input is judged); the test checks
// that each reaches the user next to its field and that nothing is sent.
const BAD_VALUES: Array<{ field: PlanFormField; value: string }> = [
  { field: 'url', value: '' },
  { field: 'url', value: 'not a url' },
  { field: 'url', value: 'ftp://127.0.0.1/file' },
  { field: 'url', value: 'javascript:alert(1)' },
  { field: 'totalRequests', value: '0' },
  { field: 'totalRequests', value: '-5' },
  { field: 'totalRequests', value: '1.5' },
  { field: 'totalRequests', value: 'abc' },
  { field: 'totalRequests', value: '1000000000000' },
  { field: 'totalRequests', value: '' },
  { field: 'concurrency', value: '0' },
  { field: 'concurrency', value: '2.5' },
  { field: 'concurrency', value: '1000000' }
]

test('an untouched empty form is quiet but cannot be submitted', async ({ app }) => {
  await expect(app.ui.requests).toHaveValue('1000')
  await expect(app.ui.concurrency).toHaveValue('50')
  await expect(app.ui.url).not.toHaveAttribute('aria-invalid')
  await expect(app.ui.url).toHaveAccessibleDescription('')
  await expect(app.ui.submit).toBeDisabled()

  // Leaving the field is enough to be told.
  await app.ui.url.focus()
  await app.page.keyboard.press('Tab')
  await expect(app.ui.url).toHaveAttribute('aria-invalid', 'true')
  await expect(app.ui.url).toHaveAccessibleDescription(expectedMessage('url', ''))
})

test('each bad value is explained next to its field, Submit stays disabled and Enter sends nothing', async ({
  app
}) => {
  const server = await app.startTarget()
  await app.fillPlan(server.url, 20, 2)
  await expect(app.ui.submit).toBeEnabled()
  const inputs = { url: app.ui.url, totalRequests: app.ui.requests, concurrency: app.ui.concurrency }

  for (const { field, value } of BAD_VALUES) {
    const input = inputs[field]
    const message = expectedMessage(field, value, server.url)
    const restore = await input.inputValue()
    await input.fill(value)
    await expect(input, `${field} = "${value}"`).toHaveAttribute('aria-invalid', 'true')
    // Contains: a field's hint (such as "connections") comes first in its description.
    await expect(input, `${field} = "${value}"`).toHaveAccessibleDescription(containing(message))
    await expect(app.page.getByText(message, { exact: true })).toBeVisible()
    await expect(app.ui.submit).toBeDisabled()
    await input.press('Enter')
    await expect(app.ui.cancel).toBeHidden()
    await input.fill(restore)
    await expect(input).not.toHaveAttribute('aria-invalid')
  }

  // A round trip through the page: any startRun the key presses made has reached the bridge by now.
  await app.page.evaluate(() => 0)
  expect(app.bridge.invocations.startRun).toBe(0)
  expect(server.received).toBe(0)
})

function expectedMessage(field: PlanFormField, value: string, url = 'http://127.0.0.1/'): string {
  const check = checkPlanForm({ url, totalRequests: '20', concurrency: '2', [field]: value })
  const message = check.ok ? undefined : check.errors[field]
  if (!message) throw new Error(`The shared validation accepts ${field} = "${value}": not a bad value.`)
  return message
}

function containing(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
}
